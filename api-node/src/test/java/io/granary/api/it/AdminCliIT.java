package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.Launcher;
import io.granary.api.it.S3Clients.ChecksumSetting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code granary admin} against the embedded server, in-process through the launcher (output captured)
 * and once as a child process (not a terminal, so plain lines): status as a table and as JSON, a sampled
 * drill, and the one-line failures for missing credentials and an endpoint where nothing listens.
 */
@Timeout(180)
class AdminCliIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @TempDir
    Path workDir;

    /** What one in-process run left. */
    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void objects() {
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), ChecksumSetting.WHEN_REQUIRED)) {
            String bucket = GranaryServerExtension.newBucket();
            s3.createBucket(b -> b.bucket(bucket));
            for (int i = 0; i < 8; i++) {
                String key = "object-" + i;
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(TestData.random(i * 40_000, i)));
            }
        }
    }

    private static List<String> adminArgs(String... command) {
        List<String> args = new ArrayList<>(List.of("admin", "--endpoint", SERVER.endpoint().toString(),
                "--access-key", GranaryServerExtension.ACCESS_KEY, "--secret-key", GranaryServerExtension.SECRET_KEY));
        args.addAll(List.of(command));
        return args;
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Launcher.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statusPrintsEveryNodeAndTheObjectCounts() {
        Run run = run(adminArgs("status"));
        assertEquals(0, run.exit(), run.err());
        for (int i = 1; i <= 6; i++) {
            assertTrue(run.out().lines().anyMatch(l -> l.startsWith("node-") && l.contains("ONLINE")), run.out());
            assertTrue(run.out().contains("node-" + i + " "), run.out());
        }
        assertTrue(run.out().contains("objects:    8 total, 0 degraded"), run.out());
        assertTrue(run.out().contains("heal queue: 0"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("heal:")), run.out());
    }

    @Test
    void statusJsonIsTheApiAnswer() throws Exception {
        Run run = run(adminArgs("status", "--json"));
        assertEquals(0, run.exit(), run.err());
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertEquals(6, status.path("nodes").size(), run.out());
        assertEquals(8, status.path("objects").path("total").asLong(), run.out());
    }

    @Test
    void aSampledDrillPrintsOneLinePerObjectAndTheTotal() {
        Run run = run(adminArgs("drill", "--sample", "5"));
        assertEquals(0, run.exit(), run.out() + run.err());
        assertEquals(5, run.out().lines().filter(l -> l.startsWith("ok ")).count(), run.out());
        assertTrue(run.out().contains("drill: 5 objects, 5 ok, 0 failed"), run.out());
    }

    @Test
    void healWaitRunsAFullHealToACleanEndAndExitsZero() throws Exception {
        Run run = run(adminArgs("heal", "--wait"));
        assertEquals(0, run.exit(), run.out() + run.err());
        JsonNode heal = new ObjectMapper().readTree(run(adminArgs("heal", "status")).out());
        assertEquals("DONE", heal.path("state").asText(), run.out());
        assertEquals(0, heal.path("shardsFailed").asLong(), run.out());
        assertTrue(heal.path("objectsScanned").asLong() >= 8, run.out());
    }

    @Test
    void anEndpointWhereNothingListensIsOneClearLine() {
        List<String> args = adminArgs("status");
        args.set(2, "http://127.0.0.1:1");
        Run run = run(args);
        assertEquals(1, run.exit(), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("granary admin: cannot connect to http://127.0.0.1:1"), run.err());
        args.set(2, "not a url");
        assertEquals(2, run(args).exit());
    }

    @Test
    void theCliAsAChildProcessPrintsPlainLinesAndNeedsCredentials() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> base = List.of(java, "-cp", System.getProperty("java.class.path"), "io.granary.api.Launcher",
                "admin", "--endpoint", SERVER.endpoint().toString());
        Map<String, String> credentials = Map.of("GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY,
                "GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY);
        ChildProcess.Result status = ChildProcess.run(concat(base, "status"), credentials, Duration.ofSeconds(60),
                workDir).requireSuccess();
        assertTrue(status.output().contains("objects:    8 total, 0 degraded"), status.output());
        ChildProcess.Result drill = ChildProcess.run(concat(base, "drill", "--sample", "5"), credentials,
                Duration.ofSeconds(60), workDir).requireSuccess();
        assertEquals(5, drill.output().lines().filter(l -> l.startsWith("ok ")).count(), drill.output());
        ChildProcess.Result missing = ChildProcess.run(concat(base, "status"), Map.of("GRANARY_ACCESS_KEY", "",
                "GRANARY_SECRET_KEY", ""), Duration.ofSeconds(60), workDir);
        assertEquals(2, missing.exitCode(), missing.output());
        assertTrue(missing.output().strip().startsWith("granary admin: no credentials"), missing.output());
        assertEquals(1, missing.output().strip().lines().count(), missing.output());
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}
