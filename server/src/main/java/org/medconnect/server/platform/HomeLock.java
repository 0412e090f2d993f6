package org.medconnect.server.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Proof that this server is the only live one using a MEDCONNECT_HOME: an operating-system lock
 * on {@code <home>/server.lock}, held for the server's lifetime and released by the kernel however
 * the process ends (even {@code kill -9}); the file names the holder's pid for the error message.
 */
public final class HomeLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private HomeLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or says which live server holds it. */
    public static HomeLock acquire(Path home) {
        Path file = home.resolve("server.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new ConfigException("Another MedConnect server" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + " is running with MEDCONNECT_HOME " + home + ". Stop it first, or give this server another MEDCONNECT_HOME.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new HomeLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
            }
            throw new ConfigException("Cannot lock " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
