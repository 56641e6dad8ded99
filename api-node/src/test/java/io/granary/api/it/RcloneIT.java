package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A real versioning client: rclone (Debian's, installed by {@code .ci/run}) lists every version with
 * {@code --s3-versions} and copies the bucket as it was at a time with {@code --s3-version-at}.
 */
@Timeout(120)
class RcloneIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static ChildProcess.Result rclone(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("rclone", "--config", dir.resolve("none.conf").toString()));
        command.addAll(List.of(args));
        Map<String, String> env = Map.of("RCLONE_CONFIG_GRANARY_TYPE", "s3", "RCLONE_CONFIG_GRANARY_PROVIDER", "Other",
                "RCLONE_CONFIG_GRANARY_ENDPOINT", SERVER.endpoint().toString(),
                "RCLONE_CONFIG_GRANARY_ACCESS_KEY_ID", GranaryServerExtension.ACCESS_KEY,
                "RCLONE_CONFIG_GRANARY_SECRET_ACCESS_KEY", GranaryServerExtension.SECRET_KEY,
                "RCLONE_CONFIG_GRANARY_REGION", GranaryServerExtension.REGION);
        return ChildProcess.run(command, env, TIMEOUT, dir);
    }

    @Test
    void rcloneListsEveryVersionAndCopiesTheBucketAsItWas(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        Instant between;
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v
                    .status(BucketVersioningStatus.ENABLED)));
            s3.putObject(b -> b.bucket(bucket).key("notes.txt"), RequestBody.fromString("monday"));
            Instant written = s3.headObject(b -> b.bucket(bucket).key("notes.txt")).lastModified();
            between = written.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
            // Second-resolution times: the next version must be written after the instant rclone asks for.
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between.plusMillis(1100)));
            s3.putObject(b -> b.bucket(bucket).key("notes.txt"), RequestBody.fromString("tuesday!"));
        }
        String listing = rclone(dir, "ls", "--s3-versions", "granary:" + bucket).requireSuccess().output();
        assertTrue(listing.contains(" notes.txt"), listing);
        assertTrue(listing.lines().filter(line -> line.contains("notes-v")).count() == 1, listing);
        assertTrue(listing.contains("        8 notes.txt") && listing.contains("        6 notes-v"), listing);

        Path then = dir.resolve("then");
        rclone(dir, "copy", "--s3-version-at", between.toString(), "granary:" + bucket, then.toString())
                .requireSuccess();
        assertEquals("monday", Files.readString(then.resolve("notes.txt")));
        Path now = dir.resolve("now");
        rclone(dir, "copy", "granary:" + bucket, now.toString()).requireSuccess();
        assertEquals("tuesday!", Files.readString(now.resolve("notes.txt")));
    }
}
