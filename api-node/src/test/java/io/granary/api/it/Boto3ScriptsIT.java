package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** boto3 runs scripts of {@code src/test/python} against a real server; each script says what it covers. */
@Timeout(180)
class Boto3ScriptsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "boto3_versioning.py, boto3 versioning: OK",
        "boto3_object_lock.py, boto3 object lock: OK",
    })
    void boto3PassesTheScript(String script, String success, @TempDir Path dir) throws Exception {
        ChildProcess.Result result = Boto3IT.runScript(SERVER, dir, script, Duration.ofMinutes(2));
        assertTrue(result.output().contains(success), result.output());
    }
}
