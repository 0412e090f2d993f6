package org.medconnect.server.chart.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * The at-rest format of one document (decision 0034): a clear header, then the file in
 * segments of {@link #SEGMENT} plaintext bytes, each sealed with AES-256-GCM under the
 * document's own key. A segment's nonce is its number and whether it is the last, and the
 * header (which names the storage file) is the associated data of every segment, so a
 * changed, swapped, reordered or cut-off segment, or a file moved under another name, fails
 * its tag. Segments have a fixed size, so a reader can seek: PDFBox checks a PDF straight
 * from the sealed file, and neither writing nor reading ever holds more than a segment.
 *
 * <pre>
 * header:  "MCDOC" | version 1 (1 byte) | segment size (int32) | storage id (16 bytes)
 * segment: ciphertext of SEGMENT plaintext bytes (fewer in the last one, maybe none) | 16-byte tag
 * nonce:   segment number (int64) | 0 0 0 | last (1 byte)
 * </pre>
 */
final class SealedFile {

    static final int SEGMENT = 64 * 1024;
    static final int TAG = 16;
    static final int HEADER = 5 + 1 + 4 + 16;
    private static final byte[] MAGIC = "MCDOC".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The stored file cannot be read back: damaged, cut short, or sealed under another key. */
    static final class Unreadable extends IOException {
        Unreadable(String message) {
            super(message, null);
        }
    }

    private SealedFile() {}

    /** A fresh 256-bit key for one document. */
    static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    static byte[] header(byte[] storageId) {
        return ByteBuffer.allocate(HEADER).put(MAGIC).put((byte) 1).putInt(SEGMENT).put(storageId).array();
    }

    /** Starts a sealed file on {@code out}; closing the stream seals the last segment (and closes {@code out}). */
    static OutputStream seal(OutputStream out, byte[] key, byte[] storageId) throws IOException {
        byte[] header = header(storageId);
        out.write(header);
        return new Sealing(out, new SecretKeySpec(key, "AES"), header);
    }

    /** Opens a sealed file for random access; every segment read is checked. */
    static Reader open(Path file, byte[] key, byte[] storageId) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            byte[] header = new byte[HEADER];
            ByteBuffer b = ByteBuffer.wrap(header);
            while (b.hasRemaining()) {
                if (channel.read(b, b.position()) < 0) {
                    throw new Unreadable("The stored document is cut short.");
                }
            }
            if (!Arrays.equals(header, header(storageId))) {
                throw new Unreadable("The stored document's header does not match its record.");
            }
            long body = channel.size() - HEADER;
            long segments = (body + SEGMENT + TAG - 1) / (SEGMENT + TAG);
            long length = body - segments * TAG;
            if (segments == 0 || length < 0 || (body % (SEGMENT + TAG)) != 0 && (body % (SEGMENT + TAG)) < TAG) {
                throw new Unreadable("The stored document is cut short.");
            }
            return new Reader(channel, new SecretKeySpec(key, "AES"), header, length, segments);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, long segment, boolean last, byte[] header)
            throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).putLong(segment).put(new byte[3]).put((byte) (last ? 1 : 0)).array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
        c.updateAAD(header);
        return c;
    }

    private static final class Sealing extends OutputStream {
        private final OutputStream out;
        private final SecretKeySpec key;
        private final byte[] header;
        private final byte[] buffer = new byte[SEGMENT];
        private final byte[] sealed = new byte[SEGMENT + TAG];
        private int filled;
        private long segment;
        private boolean closed;

        Sealing(OutputStream out, SecretKeySpec key, byte[] header) {
            this.out = out;
            this.key = key;
            this.header = header;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (filled == SEGMENT) {
                    seal(false);
                }
                int n = Math.min(len, SEGMENT - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                int n = cipher(Cipher.ENCRYPT_MODE, key, segment, last, header).doFinal(buffer, 0, filled, sealed, 0);
                out.write(sealed, 0, n);
            } catch (GeneralSecurityException e) {
                throw new IOException("Encrypting the document failed", e);
            }
            segment++;
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                seal(true);
            } finally {
                Arrays.fill(buffer, (byte) 0);
                out.close();
            }
        }
    }

    /** Random access to a sealed file's plaintext, one checked segment in memory at a time. */
    static final class Reader implements RandomAccessRead {
        private final FileChannel channel;
        private final SecretKeySpec key;
        private final byte[] header;
        private final long length;
        private final long segments;
        private final ByteBuffer sealed = ByteBuffer.allocate(SEGMENT + TAG);
        private final byte[] plain = new byte[SEGMENT];
        private long cached = -1;
        private int cachedLength;
        private long position;
        private boolean closed;

        Reader(FileChannel channel, SecretKeySpec key, byte[] header, long length, long segments) {
            this.channel = channel;
            this.key = key;
            this.header = header;
            this.length = length;
            this.segments = segments;
        }

        /** Reads the last segment, so a cut-off or wrong-key file fails before anything is sent. */
        Reader verifyEnd() throws IOException {
            load(segments - 1);
            return this;
        }

        private void load(long segment) throws IOException {
            if (segment == cached) {
                return;
            }
            boolean last = segment == segments - 1;
            long start = HEADER + segment * (SEGMENT + TAG);
            int size = (int) (last ? channel.size() - start : SEGMENT + TAG);
            sealed.clear().limit(size);
            while (sealed.hasRemaining()) {
                if (channel.read(sealed, start + sealed.position()) < 0) {
                    throw new Unreadable("The stored document is cut short.");
                }
            }
            try {
                cachedLength = cipher(Cipher.DECRYPT_MODE, key, segment, last, header)
                        .doFinal(sealed.array(), 0, size, plain, 0);
            } catch (AEADBadTagException e) {
                cached = -1;
                throw new Unreadable("The stored document is damaged: part " + (segment + 1) + " of " + segments
                        + " fails its integrity check (AES-GCM tag).");
            } catch (GeneralSecurityException e) {
                throw new IOException("Decrypting the document failed", e);
            }
            cached = segment;
        }

        @Override
        public int read() throws IOException {
            if (position >= length) {
                return -1;
            }
            load(position / SEGMENT);
            return plain[(int) (position++ % SEGMENT)] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            load(position / SEGMENT);
            int at = (int) (position % SEGMENT);
            int n = Math.min(len, cachedLength - at);
            System.arraycopy(plain, at, b, off, n);
            position += n;
            return n;
        }

        @Override
        public long getPosition() {
            return position;
        }

        @Override
        public void seek(long newPosition) throws IOException {
            if (newPosition < 0) {
                throw new IOException("Invalid position " + newPosition);
            }
            position = Math.min(newPosition, length);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean isEOF() {
            return position >= length;
        }

        @Override
        public RandomAccessReadView createView(long startPosition, long streamLength) {
            return new RandomAccessReadView(this, startPosition, streamLength);
        }

        /** The plaintext from the start, as a stream (for decoding images and for downloads). */
        InputStream stream() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    return Reader.this.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return Reader.this.read(b, off, len);
                }
            };
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                Arrays.fill(plain, (byte) 0);
                channel.close();
            }
        }
    }
}
