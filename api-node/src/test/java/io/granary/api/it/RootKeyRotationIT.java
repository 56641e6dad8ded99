package io.granary.api.it;

import static io.granary.api.it.IamClients.assertAwsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.Launcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code granary admin key rotate-root} on a running server: the new root key works at once, the old
 * one keeps working through its grace period and, rotated with {@code --grace 0}, stops at once;
 * nothing restarts. Its own server, since it replaces the root credentials every other test uses.
 */
@Timeout(60)
class RootKeyRotationIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static JsonNode rotate(AwsCredentials as, String grace) throws Exception {
        List<String> args = new ArrayList<>(List.of("admin", "--endpoint", SERVER.endpoint().toString(),
                "--access-key", as.accessKeyId(), "--secret-key", as.secretAccessKey(), "key", "rotate-root",
                "--grace", grace, "--json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Launcher.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        assertEquals(0, exit, err::toString);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
    }

    private static AwsCredentials credentials(JsonNode key) {
        return AwsBasicCredentials.create(key.path("accessKeyId").asText(), key.path("secretAccessKey").asText());
    }

    @Test
    void newRootKeyWorksAtOnceAndTheOldStopsAfterItsGrace() throws Exception {
        AwsCredentials original = IamClients.root();
        JsonNode first = rotate(original, "3600");
        assertEquals(SERVER.node().iam().systemAccount().accountId(), first.path("accountId").asText());
        assertNotEquals(original.accessKeyId(), first.path("accessKeyId").asText());
        AwsCredentials rotated = credentials(first);
        try (S3Client oldRoot = IamClients.s3(SERVER.endpoint(), original);
                S3Client newRoot = IamClients.s3(SERVER.endpoint(), rotated)) {
            String bucket = GranaryServerExtension.newBucket();
            newRoot.createBucket(r -> r.bucket(bucket));
            oldRoot.headBucket(r -> r.bucket(bucket));

            AwsCredentials latest = credentials(rotate(rotated, "0"));
            // HEAD answers carry no error code: a listing shows it.
            assertAwsError(403, "InvalidAccessKeyId", () -> oldRoot.listObjectsV2(r -> r.bucket(bucket)));
            assertAwsError(403, "InvalidAccessKeyId", () -> newRoot.listObjectsV2(r -> r.bucket(bucket)));
            try (S3Client latestRoot = IamClients.s3(SERVER.endpoint(), latest)) {
                latestRoot.headBucket(r -> r.bucket(bucket));
                latestRoot.deleteBucket(r -> r.bucket(bucket));
            }
        }
    }
}
