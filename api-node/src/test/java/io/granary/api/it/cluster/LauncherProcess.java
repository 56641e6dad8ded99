package io.granary.api.it.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One role of {@code bin/granary} ({@code io.granary.api.Launcher ROLE ARGS}) as a real child JVM with
 * this JVM's class path, so a test can kill it the way {@code kill -9} does ({@code destroyForcibly}: no
 * shutdown hook, no flush) and start it again with the same arguments. Every life of the process appends
 * to one log file; a start waits (bounded) until the output of that life contains the role's ready line.
 * Only the {@link Process} handle this object started is ever killed.
 */
public final class LauncherProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 60_000;
    private static final long EXIT_TIMEOUT_SECONDS = 30;

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final String readyLine;
    private Process process;
    private long lifeStart;

    /**
     * @param jvmOptions options before the class path, e.g. {@code -Xmx256m}
     * @param readyLine  what the role prints once it serves, e.g. {@code granary data-node listening on }
     */
    public LauncherProcess(String name, List<String> jvmOptions, List<String> roleAndArgs, Map<String, String> env,
            Path log, String readyLine) {
        List<String> line = new ArrayList<>();
        line.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        line.addAll(jvmOptions);
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.granary.api.Launcher"));
        line.addAll(roleAndArgs);
        this.name = name;
        this.command = List.copyOf(line);
        this.env = Map.copyOf(env);
        this.log = log;
        this.readyLine = readyLine;
    }

    /** Launches the JVM without waiting for it to serve; pair with {@link #awaitReady()}. */
    public void launch() throws IOException {
        if (process != null) throw new IllegalStateException(name + " is already running");
        lifeStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        process.getOutputStream().close();
    }

    /** Waits until this life printed its ready line; fails (killing it) if it exits or overruns first. */
    public void awaitReady() throws IOException, InterruptedException {
        try {
            await().atMost(Duration.ofMillis(START_TIMEOUT_MILLIS)).pollInterval(Duration.ofMillis(25)).until(() -> {
                if (process.isAlive()) return currentLifeOutput().contains(readyLine);
                String exit = name + " exited " + process.exitValue() + " before serving:\n" + currentLifeOutput();
                process = null;
                throw new IllegalStateException(exit);
            });
        } catch (ConditionTimeoutException e) {
            String output = currentLifeOutput();
            kill();
            throw new IllegalStateException(name + " did not serve within " + START_TIMEOUT_MILLIS + " ms:\n" + output);
        }
    }

    /** Launches and waits until it serves. */
    public void start() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    /** SIGKILL, then waits until the process is gone. Does nothing when it is not running. */
    public void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for " + EXIT_TIMEOUT_SECONDS + " s");
        }
        process = null;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The running process's id (to read its /proc entries). */
    public long pid() {
        if (process == null) throw new IllegalStateException(name + " is not running");
        return process.pid();
    }

    public String name() {
        return name;
    }

    /** The last {@code lines} lines of the log (every life), for a failure message. */
    public String logTail(int lines) throws IOException {
        if (!Files.exists(log)) return "";
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private String currentLifeOutput() throws IOException {
        if (!Files.exists(log)) return "";
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - lifeStart)];
            file.seek(lifeStart);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
