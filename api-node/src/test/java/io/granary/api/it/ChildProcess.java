package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (the aws CLI, python3) as a child process with a controlled
 * environment and a hard timeout; the process is killed with {@code destroyForcibly} if it overruns.
 * Output (stdout and stderr merged) goes to a file so a chatty child can never block on a full pipe.
 */
final class ChildProcess {

    /** What a finished child left behind. */
    record Result(List<String> command, int exitCode, String output) {
        /** Fails the test with the command and its output unless it exited 0. */
        Result requireSuccess() {
            if (exitCode != 0) fail(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
            return this;
        }
    }

    private ChildProcess() {
    }

    /**
     * Runs {@code command} with {@code env} added to a copy of this JVM's environment from which every
     * {@code AWS_*} variable was removed first, so nothing from the machine leaks into the client.
     */
    static Result run(List<String> command, Map<String, String> env, Duration timeout, Path workDir)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("granary-child-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).directory(workDir.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + read(log));
            }
            return new Result(command, process.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
