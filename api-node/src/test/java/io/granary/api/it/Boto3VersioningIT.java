package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** boto3 runs {@code src/test/python/boto3_versioning.py} against a real server (see the script for what it covers). */
@Timeout(180)
class Boto3VersioningIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Test
    void boto3PassesTheVersioningScript(@TempDir Path dir) throws Exception {
        ChildProcess.Result result = Boto3IT.runScript(SERVER, dir, "boto3_versioning.py", Duration.ofMinutes(2));
        assertTrue(result.output().contains("boto3 versioning: OK"), result.output());
    }
}
