package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code src/test/python/boto3_smoke.py} with python3 and boto3's defaults against the embedded
 * server: bucket, put/get, listing, and {@code upload_file}/{@code download_file} through a multipart
 * {@code TransferConfig}. The script checks every answer and exits non-zero on the first mismatch.
 */
@Timeout(240)
class Boto3IT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void boto3DefaultsPassTheSmokeScript(@TempDir Path dir) throws Exception {
        ChildProcess.Result result = runScript(SERVER, dir, "boto3_smoke.py", SCRIPT_TIMEOUT, dir.toString());
        assertTrue(result.output().contains("multipart upload_file/download_file of 20975841 bytes matched"),
                result.output());
        assertTrue(result.output().contains("boto3 smoke: OK"), result.output());
    }

    /**
     * Runs {@code src/test/python/NAME} with python3 against {@code server}, in {@code dir}; fails unless boto3
     * can be imported and the script exits 0.
     */
    static ChildProcess.Result runScript(GranaryServerExtension server, Path dir, String name, Duration timeout,
            String... args) throws Exception {
        Path script = Path.of(System.getProperty("basedir", "."), "src", "test", "python", name);
        if (!Files.isRegularFile(script)) fail("missing " + script.toAbsolutePath());
        Map<String, String> env = env(server, dir);
        requireBoto3(env, dir);
        List<String> command = new ArrayList<>(List.of("python3", script.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return ChildProcess.run(command, env, timeout, dir).requireSuccess();
    }

    /** The environment of a boto3 script: the server, the root credentials, nothing from the machine. */
    static Map<String, String> env(GranaryServerExtension server, Path dir) {
        return Map.of("GRANARY_ENDPOINT", server.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", GranaryServerExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", GranaryServerExtension.SECRET_KEY,
                "AWS_DEFAULT_REGION", GranaryServerExtension.REGION,
                "AWS_CONFIG_FILE", dir.resolve("no-such-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-such-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "PYTHONIOENCODING", "utf-8");
    }

    static void requireBoto3(Map<String, String> env, Path dir) throws Exception {
        ChildProcess.Result probe;
        try {
            probe = ChildProcess.run(List.of("python3", "-c", "import boto3; print(boto3.__version__)"), env,
                    SCRIPT_TIMEOUT, dir);
        } catch (IOException e) {
            throw new AssertionError("python3 is not on PATH; .ci/run installs python3 with boto3", e);
        }
        if (probe.exitCode() != 0) fail("python3 cannot import boto3 (.ci/run installs it):\n" + probe.output());
    }
}
