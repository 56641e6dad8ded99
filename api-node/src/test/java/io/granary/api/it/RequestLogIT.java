package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code granary server --log-format json --request-log on} as a real process: every log line is one JSON
 * object, each request is logged once with its id, access key, operation, status, bytes and latency, and
 * neither the secret key nor a signature ever appears in the log.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RequestLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLogsCarryOneLinePerRequestAndNoSecret(@TempDir Path dir) throws Exception {
        try (ChildServer server = ChildServer.start(dir.resolve("data"), dir,
                List.of("--log-format", "json", "--request-log", "on"))) {
            String bucket = GranaryServerExtension.newBucket();
            String requestId;
            try (S3Client s3 = S3Clients.sync(server.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED)) {
                requestId = s3.createBucket(b -> b.bucket(bucket)).responseMetadata().requestId();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.output().contains(requestId));
            String output = server.output();
            assertFalse(output.contains(GranaryServerExtension.SECRET_KEY), output);
            assertFalse(output.contains("Signature="), output);
            List<JsonNode> requests = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (!line.startsWith("{")) continue; // the operator's start-up banner on stdout
                JsonNode event = JSON.readTree(line);
                assertTrue(event.has("level") && event.has("formattedMessage"), line);
                if ("granary.requests".equals(event.get("loggerName").asText())) requests.add(event);
            }
            JsonNode created = requests.stream().filter(e -> e.get("formattedMessage").asText().contains(requestId))
                    .findFirst().orElseThrow(() -> new AssertionError("no request line for " + requestId));
            ObjectNode fields = JSON.createObjectNode();
            created.get("kvpList").forEach(pair -> fields.setAll((ObjectNode) pair));
            assertEquals(requestId, fields.get("requestId").asText());
            assertEquals(GranaryServerExtension.ACCESS_KEY, fields.get("accessKey").asText());
            assertEquals("CreateBucket", fields.get("operation").asText());
            assertEquals("200", fields.get("status").asText());
            assertTrue(fields.get("bytesOut").asLong() >= 0 && fields.has("latencyMicros"), created.toString());
        }
    }
}
