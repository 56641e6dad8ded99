package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/test/python/boto3_details.py}: the issue-15 details that depend on what boto3 sends (a
 * listing prefix holding a newline, non-ASCII metadata, a {@code Transfer-Encoding: chunked} PUT).
 */
@Timeout(120)
class Boto3DetailsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Test
    void boto3PassesTheDetailsScript(@TempDir Path dir) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", "boto3_details.py");
        if (!Files.isRegularFile(script)) fail("missing " + script.toAbsolutePath());
        Map<String, String> env = Boto3IT.env(SERVER, dir);
        Boto3IT.requireBoto3(env, dir);
        ChildProcess.Result result = ChildProcess.run(List.of("python3", script.toAbsolutePath().toString()), env,
                Duration.ofMinutes(1), dir).requireSuccess();
        assertTrue(result.output().contains("boto3 details: OK"), result.output());
    }
}
