package io.granary.datanode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A data node running as a child JVM on the test class path, as an operator would start it. */
final class DataNodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("granary data-node listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private DataNodeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static DataNodeProcess start(Path dataDir, Path secretFile, Path log) throws IOException {
        return start(dataDir, secretFile, log, 0);
    }

    /** As {@link #start(Path, Path, Path)} on a given port (0: any), e.g. to come back where it was. */
    static DataNodeProcess start(Path dataDir, Path secretFile, Path log, int port) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), DataNodeMain.class.getName(),
                "--data-dir", dataDir.toString(), "--listen", "127.0.0.1:" + port,
                "--cluster-secret-file", secretFile.toString());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) return new DataNodeProcess(process, Integer.parseInt(matcher.group(1)));
        }
        process.destroyForcibly();
        throw new IllegalStateException("data node exited before listening; see " + log);
    }

    /** Writes {@code secret} to {@code file}, mode 0600, as an operator would; returns the file. */
    static Path writeSecret(Path file, String secret) throws IOException {
        Files.writeString(file, secret + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** kill -9, then wait for the process to be gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
