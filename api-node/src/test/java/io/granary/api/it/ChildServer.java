package io.granary.api.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The embedded server ({@code granary server}) as a real child JVM on 127.0.0.1 with this JVM's class
 * path and the root credentials of {@link GranaryServerExtension}, so a test can kill it with
 * {@code destroyForcibly} (SIGKILL: no shutdown hook, no flush) and start it again on the same data
 * directory and port. Its output goes to a log file, read to see it listening and shown on failure.
 */
final class ChildServer implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> options;
    private Process process;

    private ChildServer(Path dataDir, Path log, int port, List<String> options) {
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.options = options;
    }

    /** Starts a server on {@code dataDir} and a free loopback port; its log is written under {@code logDir}. */
    static ChildServer start(Path dataDir, Path logDir) throws IOException, InterruptedException {
        return start(dataDir, logDir, List.of());
    }

    /** The same with more {@code granary server} options (e.g. {@code --tls-cert FILE --tls-key FILE}). */
    static ChildServer start(Path dataDir, Path logDir, List<String> options) throws IOException,
            InterruptedException {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        ChildServer server = new ChildServer(dataDir, logDir.resolve("server.log"), free, options);
        server.restart();
        return server;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Kills the JVM the way {@code kill -9} does and waits until it is gone. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("server survived SIGKILL");
        process = null;
    }

    /** Starts the server (again) on the same data directory and port and waits until it listens. */
    void restart() throws IOException, InterruptedException {
        if (process != null) throw new IllegalStateException("server already running");
        Files.deleteIfExists(log);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // The child gets SIGHUP's default disposition back: under nohup (as CI runs) it would inherit "ignored",
        // and a JVM started so never handles SIGHUP (TlsIT reloads certificates with it).
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=HUP", java, "--add-modules",
                "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), "io.granary.api.Launcher", "server",
                "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:" + port,
                // The default (S3 port + 1) need not be free on a machine running other tests.
                "--metrics-listen", "127.0.0.1:0"));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY);
        builder.environment().put("GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY);
        process = builder.start();
        process.getOutputStream().close();
        awaitListening();
    }

    private void awaitListening() throws IOException, InterruptedException {
        try {
            await().atMost(Duration.ofMillis(START_TIMEOUT_MILLIS)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (process.isAlive()) return output().contains("granary listening on ");
                throw new IllegalStateException("server exited " + process.exitValue() + ":\n" + output());
            });
        } catch (ConditionTimeoutException e) {
            kill();
            throw new IllegalStateException("server did not listen within " + START_TIMEOUT_MILLIS + " ms:\n"
                    + output());
        }
    }

    /** The process id, to signal it. */
    long pid() {
        return process.pid();
    }

    /** What the server printed and logged so far. */
    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
