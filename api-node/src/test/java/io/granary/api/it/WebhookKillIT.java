package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;

/**
 * The outbox survives kill -9: the server (a child JVM) is killed the moment its PUTs have their 200s, while the
 * receiver is down; after a restart every one of those events is delivered, signed.
 */
@Timeout(180)
class WebhookKillIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;

    @Test
    void eventsOfAcknowledgedPutsAreDeliveredAfterTheServerIsKilled() throws Exception {
        try (ChildServer server = ChildServer.start(dataDir, logDir); WebhookReceiver receiver = new WebhookReceiver();
             S3Client s3 = S3Clients.sync(server.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            JsonNode added = AdminCli.json(server.endpoint(), "webhook", "add", "survivor", "--url", receiver.url(),
                    "--json");
            String secret = added.path("secret").asText();
            String bucket = GranaryServerExtension.newBucket();
            s3.createBucket(b -> b.bucket(bucket));
            s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                    .queueConfigurations(q -> q.queueArn(added.path("arn").asText()).events(Event.S3_OBJECT_CREATED))));
            receiver.stop();
            for (int i = 0; i < 10; i++) {
                String key = "k" + i;
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
            }
            server.kill();
            assertEquals(List.of(), receiver.events(), "nothing could be delivered before the kill");
            receiver.restart();
            server.restart();
            List<WebhookReceiver.Delivery> events = await().atMost(Duration.ofSeconds(60))
                    .until(receiver::events, list -> list.size() >= 10);
            Set<String> keys = new HashSet<>();
            for (WebhookReceiver.Delivery event : events) {
                assertTrue(event.verifies(secret));
                keys.add(event.record().path("s3").path("object").path("key").asText());
            }
            assertEquals(10, keys.size(), keys.toString());
        }
    }
}
