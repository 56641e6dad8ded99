package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** boto3 runs {@code src/test/python/boto3_object_lock.py} against a real server (the script says what it covers). */
@Timeout(180)
class Boto3ObjectLockIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Test
    void boto3PassesTheObjectLockScript(@TempDir Path dir) throws Exception {
        ChildProcess.Result result = Boto3IT.runScript(SERVER, dir, "boto3_object_lock.py", Duration.ofMinutes(2));
        assertTrue(result.output().contains("boto3 object lock: OK"), result.output());
    }
}
