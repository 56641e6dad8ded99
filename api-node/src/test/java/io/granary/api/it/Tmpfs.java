package io.granary.api.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a directory, so a test fills a disk for real (ENOSPC from the kernel, not a fake).
 * Mounting needs root, as {@code .ci/run} runs; without it the test fails saying so, it is never skipped.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (mount's syntax, e.g. {@code 16m}) on {@code dir}, creating it. */
    public static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        return new Tmpfs(dir);
    }

    /** Grows or shrinks the file system in place: the test's "space returns". */
    public void resize(String size) throws IOException, InterruptedException {
        run("mount", "-o", "remount,size=" + size, dir.toString());
    }

    /** Writes {@code name} in 1 MiB chunks until the file system is full; returns the bytes written. */
    public long fill(String name) throws IOException {
        byte[] chunk = new byte[1 << 20];
        long written = 0;
        try (var out = Files.newOutputStream(dir.resolve(name))) {
            for (int n = chunk.length; n > 0; n /= 2) {
                try {
                    while (true) {
                        out.write(chunk, 0, n);
                        out.flush();
                        written += n;
                    }
                } catch (IOException full) {
                    if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
                }
            }
        } catch (IOException full) {
            // Closing flushes nothing more; a full disk may refuse even that.
            if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
        }
        return written;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "--lazy", dir.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 30 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new IOException(List.of(command) + " failed (" + output + "): the disk-full tests mount a tmpfs "
                    + "and need root, as .ci/run has");
        }
    }
}
