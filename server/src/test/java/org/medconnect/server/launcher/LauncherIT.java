package org.medconnect.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./medconnect demo} run for real, three times over one MEDCONNECT_HOME, with a shell command
 * in place of the workstation window: after the window is closed, after it crashes and after
 * Ctrl-C, the demo server and its PostgreSQL are gone and the next demo starts. Runs after
 * {@code package} (the launcher starts the packaged server jar), in the integration-test phase.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path HOME = Path.of("target", "launcher-it", "home").toAbsolutePath();
    private static int port;

    @BeforeAll
    static void freshHome() throws IOException {
        if (Files.exists(HOME.resolve("pgdata"))) {
            try (var files = Files.walk(HOME)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(HOME);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @Test
    @Order(1)
    void closingTheWindowStopsTheDemoServerAndItsDatabase() throws Exception {
        Process launcher = demo("true").start();
        assertThat(launcher.waitFor(240, TimeUnit.SECONDS)).as("the launcher ends with its window").isTrue();
        assertStartedAndLeftNothing(launcher);
    }

    @Test
    @Order(2)
    void aCrashedWindowStopsItToo() throws Exception {
        Process launcher = demo("exit 134").start();
        assertThat(launcher.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertStartedAndLeftNothing(launcher);
    }

    @Test
    @Order(3)
    void ctrlCStopsItToo() throws Exception {
        // A build started in the background (nohup, CI agents) hands SIGINT down ignored, and a shell
        // cannot trap a signal ignored on entry: give the launcher the default, as a terminal would.
        ProcessBuilder builder = demo("sleep 120");
        builder.command().addAll(0, List.of("env", "--default-signal=INT"));
        Process launcher = builder.start();
        Path log = HOME.resolve("launcher-ctrl-c.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.readString(log).contains("Opening a workstation") && System.nanoTime() < deadline && launcher.isAlive()) {
            Thread.sleep(200);
        }
        // Ctrl-C in a terminal sends SIGINT to the foreground process group: the launcher and
        // everything it started that did not leave the group (PostgreSQL did, through pg_ctl).
        List<String> kill = new ArrayList<>(List.of("kill", "-INT", Long.toString(launcher.pid())));
        launcher.descendants().forEach(p -> kill.add(Long.toString(p.pid())));
        new ProcessBuilder(kill).inheritIO().start().waitFor();
        assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).as("Ctrl-C ends the launcher").isTrue();
        assertStartedAndLeftNothing(launcher);
    }

    private ProcessBuilder demo(String desktopCommand) {
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("medconnect").toString(), "demo").directory(REPO.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MEDCONNECT_HOME", HOME.toString());
        env.put("MEDCONNECT_PORT", Integer.toString(port));
        env.put("MEDCONNECT_SKIP_BUILD", "1");
        env.put("MEDCONNECT_DESKTOP_CMD", desktopCommand);
        env.put("JAVA_TOOL_OPTIONS", "-Dot.epg.working-dir=" + REPO.resolve("target/embedded-pg"));
        String name = desktopCommand.startsWith("sleep") ? "ctrl-c" : desktopCommand.replace(' ', '-');
        builder.redirectErrorStream(true).redirectOutput(HOME.resolve("launcher-" + name + ".log").toFile());
        return builder;
    }

    private static void assertStartedAndLeftNothing(Process launcher) throws Exception {
        String output = Files.readString(HOME.resolve("server.log"), StandardCharsets.UTF_8);
        assertThat(output).as("this run's server started").contains("MedConnect server listening on");
        assertThat(output).contains("MedConnect server stopped.");
        long serverPid = Long.parseLong(Files.readString(HOME.resolve("server.lock")).strip());
        assertThat(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false)).as("the demo server has gone").isFalse();
        assertThat(postgresOnHome()).as("its PostgreSQL has gone").isFalse();
        assertThat(listening(port)).as("the port is free for the next demo").isFalse();
    }

    private static boolean postgresOnHome() {
        String dataDir = HOME.resolve("pgdata").toString();
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(dataDir)).orElse(false));
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
