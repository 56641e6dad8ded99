package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A whole data directory written by Granary 2058e7b (metadata format 2, bare JSON in the iam and cluster
 * families; how it was made is in {@code upgrade/format2-data.txt}) serves its object and its IAM user under
 * today's code, and keeps doing so after the upgrade has been written back.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FormatTwoDataDirectoryIT {
    private static final StaticCredentialsProvider LEGACY_APP = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("GK6EXRG0J5CCPRE3EB8N", "zuJGszSTVkkbrHwJCEd8bOlXApyuWHJGnruj445J"));

    @Test
    void theObjectTheUserAndItsPolicyReadAsTheyWereWrittenBeforeAndAfterTheUpgrade(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        copyFixture(data);
        try (ChildServer server = ChildServer.start(data, dir)) {
            assertTrue(server.output().contains("upgraded from format 2 to 3"), server.output());
            assertServesTheFixture(server);
            server.kill();
            server.restart();
            assertFalse(server.output().contains("upgraded from format"), "the upgrade is written once");
            assertServesTheFixture(server);
        }
    }

    private static void assertServesTheFixture(ChildServer server) {
        try (S3Client app = S3Clients.as(server.endpoint(), LEGACY_APP)) {
            assertEquals("written by Granary 2058e7b\n", app.getObjectAsBytes(b -> b.bucket("legacy")
                    .key("hello.txt")).asString(StandardCharsets.UTF_8));
            assertEquals(List.of("hello.txt"), app.listObjectsV2(b -> b.bucket("legacy")).contents().stream()
                    .map(o -> o.key()).toList());
            S3Exception denied = assertThrows(S3Exception.class, () -> app.putObject(b -> b.bucket("legacy")
                    .key("new"), RequestBody.fromString("x")), "the inline policy allows reads only");
            assertEquals(403, denied.statusCode());
        }
    }

    private static void copyFixture(Path target) throws IOException, URISyntaxException {
        Path fixture = Path.of(FormatTwoDataDirectoryIT.class.getResource("/upgrade/format2-data/master-key")
                .toURI()).getParent();
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(fixture.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
