package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/test/python/boto3_iam.py} with python3 and boto3's defaults against the embedded
 * server: IAM users, keys, inline and group policies and their error codes, STS, and S3 requests with
 * the new user's keys and session credentials. The script checks every answer and exits non-zero on
 * the first mismatch.
 */
@Timeout(180)
class Boto3IamIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void boto3IamStsAndS3WithTheNewUsersKeys(@TempDir Path dir) throws Exception {
        ChildProcess.Result result = Boto3IT.runScript(SERVER, dir, "boto3_iam.py", SCRIPT_TIMEOUT);
        assertTrue(result.output().contains("boto3 iam: OK"), result.output());
    }
}
