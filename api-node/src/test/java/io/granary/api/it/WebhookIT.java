package io.granary.api.it;

import static io.granary.api.it.TestData.assertS3Error;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.granary.api.heal.BackgroundSettings;
import io.granary.api.notify.DeliverySettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;

/**
 * Bucket notifications to a real receiver on loopback, through the SDK v2 and the admin CLI: each kind of change
 * arrives once, signed, in order per key, with the AWS event structure; filters hold back what they do not match;
 * a receiver that is down gets everything when it returns; a refusal goes to the dead letters and is replayed; a
 * secret rotation leaves every event verifiable; configurations are checked as S3 checks them.
 */
@Timeout(180)
class WebhookIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension(BackgroundSettings.defaults()
            .withLifecycleDay(Duration.ofSeconds(1))
            .withWebhooks(DeliverySettings.DEFAULTS.withRetries(Duration.ofMillis(100), Duration.ofMillis(400))));
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String SECRET = "the-receivers-own-secret-0123456789";

    @TempDir
    Path dir;
    private WebhookReceiver receiver;
    private S3Client s3;
    private String name;
    private String arn;

    @BeforeEach
    void receiverAndTarget() throws Exception {
        receiver = new WebhookReceiver();
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT);
        name = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        Path secret = Files.writeString(dir.resolve("secret"), SECRET + "\n");
        JsonNode added = AdminCli.json(SERVER.endpoint(), "webhook", "add", name, "--url", receiver.url(),
                "--secret-file", secret.toString(), "--json");
        arn = added.path("arn").asText();
        assertEquals(SECRET, added.path("secret").asText());
    }

    @AfterEach
    void close() {
        s3.close();
        receiver.close();
        AdminCli.run(SERVER.endpoint(), "webhook", "remove", name);
    }

    private String bucket(String... events) {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> c
                .queueConfigurations(QueueConfiguration.builder().id("all").queueArn(arn).eventsWithStrings(events)
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value("in/"))))
                        .build())));
        return bucket;
    }

    private List<WebhookReceiver.Delivery> awaitEvents(int count) {
        return await().atMost(WAIT).until(receiver::events, events -> events.size() >= count);
    }

    private static String eventName(WebhookReceiver.Delivery delivery) {
        return delivery.record().path("eventName").asText();
    }

    @Test
    void everyKindOfChangeArrivesOnceSignedAndInOrder() {
        String bucket = bucket("s3:ObjectCreated:*", "s3:ObjectRemoved:*", "s3:ObjectTagging:*", "s3:ObjectAcl:Put");
        assertTrue(receiver.received.get(0).test(), "the configuration was proved with a test message");
        assertTrue(receiver.received.get(0).verifies(SECRET));
        s3.putObject(b -> b.bucket(bucket).key("in/a b.txt"), RequestBody.fromString("hello"));
        s3.putObject(b -> b.bucket(bucket).key("out/ignored"), RequestBody.fromString("not sent"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("in/a b.txt").destinationBucket(bucket).destinationKey(
                "in/copy"));
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key("in/multi")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(bucket).key("in/multi").uploadId(upload).partNumber(1),
                RequestBody.fromString("part")).eTag();
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("in/multi").uploadId(upload).multipartUpload(m -> m
                .parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        s3.putObjectTagging(b -> b.bucket(bucket).key("in/a b.txt").tagging(t -> t.tagSet(x -> x.key("k").value("v"))));
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("in/a b.txt"));
        s3.putObjectAcl(b -> b.bucket(bucket).key("in/copy").acl("private"));
        s3.deleteObject(b -> b.bucket(bucket).key("in/copy"));
        s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(o -> o.key("in/multi"),
                o -> o.key("out/ignored"))));

        List<WebhookReceiver.Delivery> events = awaitEvents(8);
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Delivery event : events) {
            assertTrue(event.verifies(SECRET), "signed with the target's secret");
            assertFalse(event.verifies("another-secret-of-the-same-length"));
            assertTrue(ids.add(event.eventId()), "one event id per event");
            JsonNode record = event.record();
            assertEquals("2.1", record.path("eventVersion").asText());
            assertEquals(bucket, record.path("s3").path("bucket").path("name").asText());
            assertEquals("all", record.path("s3").path("configurationId").asText());
            assertTrue(record.path("s3").path("object").path("key").asText().startsWith("in/"));
        }
        assertEquals(List.of("ObjectCreated:Put", "ObjectTagging:Put", "ObjectTagging:Delete"), events.stream()
                .filter(e -> e.record().path("s3").path("object").path("key").asText().equals("in/a+b.txt"))
                .map(WebhookIT::eventName).toList(), "one key's events in order, the key URL-encoded as S3 does");
        assertEquals(List.of("ObjectCreated:Copy", "ObjectAcl:Put", "ObjectRemoved:Delete"), events.stream()
                .filter(e -> e.record().path("s3").path("object").path("key").asText().equals("in/copy"))
                .map(WebhookIT::eventName).toList());
        assertEquals(List.of("ObjectCreated:CompleteMultipartUpload", "ObjectRemoved:Delete"), events.stream()
                .filter(e -> e.record().path("s3").path("object").path("key").asText().equals("in/multi"))
                .map(WebhookIT::eventName).toList());
        JsonNode put = events.get(0).record().path("s3").path("object");
        assertEquals(5, put.path("size").asLong());
        assertEquals("5d41402abc4b2a76b9719d911017c592", put.path("eTag").asText(), "the ETag without quotes");
        assertTrue(put.path("versionId").isMissingNode(), "a bucket never versioned has no version ids");
        assertEquals(16, put.path("sequencer").asText().length());
        JsonNode status = AdminCli.json(SERVER.endpoint(), "webhook", "status", name, "--json");
        await().atMost(WAIT).until(() -> AdminCli.json(SERVER.endpoint(), "webhook", "status", name, "--json")
                .path("queued").asLong() == 0);
        assertTrue(status.path("delivered").asLong() >= 8, status.toString());
        assertEquals(8, receiver.events().size(), "nothing twice, nothing for out/");
    }

    @Test
    void deleteMarkersAndLifecycleExpirySendTheirEventsWithVersionIds() {
        String bucket = bucket("s3:ObjectRemoved:DeleteMarkerCreated", "s3:LifecycleExpiration:*");
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(
                BucketVersioningStatus.ENABLED)));
        s3.putObject(b -> b.bucket(bucket).key("in/kept"), RequestBody.fromString("v1"));
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("in/kept")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("in/expiring"), RequestBody.fromString("v1"));
        s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(r -> r.id("x")
                .status(ExpirationStatus.ENABLED).filter(f -> f.prefix("in/expiring")).expiration(e -> e.days(1)))));
        AdminCli.run(SERVER.endpoint(), "lifecycle", "run");
        List<WebhookReceiver.Delivery> events = await().atMost(WAIT).until(() -> {
            AdminCli.run(SERVER.endpoint(), "lifecycle", "run");
            return receiver.events();
        }, list -> list.size() >= 2);
        assertEquals("ObjectRemoved:DeleteMarkerCreated", eventName(events.get(0)));
        assertEquals(marker, events.get(0).record().path("s3").path("object").path("versionId").asText());
        assertEquals("LifecycleExpiration:DeleteMarkerCreated", eventName(events.get(1)));
        assertEquals("in/expiring", events.get(1).record().path("s3").path("object").path("key").asText());
        assertNotNull(events.get(1).record().path("s3").path("object").path("versionId").textValue());
    }

    @Test
    void aReceiverThatIsDownGetsEverythingOnceItIsBack() throws Exception {
        String bucket = bucket("s3:ObjectCreated:Put");
        receiver.stop();
        for (int i = 0; i < 20; i++) {
            String key = "in/" + i;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
        }
        JsonNode down = await().atMost(WAIT).until(() -> AdminCli.json(SERVER.endpoint(), "webhook", "status", name,
                "--json"), status -> !status.path("lastError").isNull() && !status.path("lastError").isMissingNode());
        assertEquals(20, down.path("queued").asLong(), down.toString());
        receiver.restart();
        List<WebhookReceiver.Delivery> events = awaitEvents(20);
        Set<String> keys = new HashSet<>();
        events.forEach(e -> keys.add(e.record().path("s3").path("object").path("key").asText()));
        assertEquals(20, keys.size());
        await().atMost(WAIT).until(() -> AdminCli.json(SERVER.endpoint(), "webhook", "status", name, "--json")
                .path("queued").asLong() == 0);
    }

    @Test
    void aRefusedEventGoesToTheDeadLettersAndIsReplayed() {
        String bucket = bucket("s3:ObjectCreated:Put");
        receiver.status.set(400);
        s3.putObject(b -> b.bucket(bucket).key("in/refused"), RequestBody.fromString("x"));
        JsonNode status = await().atMost(WAIT).until(() -> AdminCli.json(SERVER.endpoint(), "webhook", "status",
                name, "--json"), s -> s.path("failed").asLong() == 1);
        assertEquals(0, status.path("queued").asLong());
        assertEquals("HTTP 400", status.path("lastError").asText());
        int refusedOnce = receiver.events().size();
        assertEquals(1, refusedOnce, "a 400 is not retried");
        receiver.status.set(200);
        assertEquals(1, AdminCli.json(SERVER.endpoint(), "webhook", "replay", name, "--json").path("replayed")
                .asInt());
        List<WebhookReceiver.Delivery> events = awaitEvents(2);
        assertEquals(events.get(0).eventId(), events.get(1).eventId(), "the same event, the same id");
        await().atMost(WAIT).until(() -> AdminCli.json(SERVER.endpoint(), "webhook", "status", name, "--json")
                .path("failed").asLong() == 0);
    }

    @Test
    void aRotatedSecretLeavesEveryEventVerifiableByEitherSecret() throws Exception {
        String bucket = bucket("s3:ObjectCreated:Put");
        Path next = Files.writeString(dir.resolve("next"), "the-next-secret-of-the-receiver-42");
        AdminCli.json(SERVER.endpoint(), "webhook", "rotate-secret", name, "--secret-file", next.toString(),
                "--overlap", "3600", "--json");
        s3.putObject(b -> b.bucket(bucket).key("in/after"), RequestBody.fromString("x"));
        WebhookReceiver.Delivery event = awaitEvents(1).get(0);
        assertTrue(event.verifies(SECRET), "a receiver still on the old secret");
        assertTrue(event.verifies(Files.readString(next, StandardCharsets.UTF_8).strip()), "one on the new");
        Path third = Files.writeString(dir.resolve("third"), "the-third-secret-of-the-receiver-7");
        AdminCli.json(SERVER.endpoint(), "webhook", "rotate-secret", name, "--secret-file", third.toString(),
                "--overlap", "0", "--json");
        s3.putObject(b -> b.bucket(bucket).key("in/later"), RequestBody.fromString("x"));
        WebhookReceiver.Delivery later = awaitEvents(2).get(1);
        assertTrue(later.verifies("the-third-secret-of-the-receiver-7"));
        assertFalse(later.verifies(Files.readString(next, StandardCharsets.UTF_8).strip()),
                "rotated out with no overlap: it signs no more");
        assertTrue(later.verifies(SECRET), "the first secret's own overlap has not ended");
    }

    @Test
    void configurationsAreCheckedAsS3ChecksThem() {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        GetBucketNotificationConfigurationResponse none = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertTrue(none.queueConfigurations().isEmpty() && none.topicConfigurations().isEmpty());
        String unknown = arn.substring(0, arn.lastIndexOf(':') + 1) + "nobody";
        for (String destination : List.of(unknown, "arn:aws:sqs:us-east-1:123456789012:queue")) {
            assertS3Error(400, "InvalidArgument", () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                    .notificationConfiguration(c -> c.queueConfigurations(q -> q.queueArn(destination)
                            .events(Event.S3_OBJECT_CREATED)))));
        }
        assertS3Error(400, "InvalidArgument", () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.queueConfigurations(q -> q.queueArn(arn)
                        .events(Event.S3_OBJECT_RESTORE)))));
        assertS3Error(400, "InvalidArgument", () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.queueConfigurations(q -> q.queueArn(arn).id("a")
                        .events(Event.S3_OBJECT_CREATED), q -> q.queueArn(arn).id("b")
                        .events(Event.S3_OBJECT_CREATED_PUT)))));
        assertS3Error(501, "NotImplemented", () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.eventBridgeConfiguration(e -> { }))));
        receiver.status.set(500);
        assertS3Error(400, "InvalidArgument", () -> s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(c -> c.topicConfigurations(t -> t.topicArn(arn)
                        .events(Event.S3_OBJECT_CREATED)))));
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).skipDestinationValidation(true)
                .notificationConfiguration(c -> c.topicConfigurations(t -> t.id("t").topicArn(arn)
                        .events(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE)
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.SUFFIX).value(".jpg")))))));
        GetBucketNotificationConfigurationResponse got = s3.getBucketNotificationConfiguration(b -> b.bucket(bucket));
        assertEquals(1, got.topicConfigurations().size());
        assertEquals(arn, got.topicConfigurations().get(0).topicArn());
        assertEquals(List.of(Event.S3_OBJECT_CREATED, Event.S3_OBJECT_REMOVED_DELETE),
                got.topicConfigurations().get(0).events());
        assertEquals(".jpg", got.topicConfigurations().get(0).filter().key().filterRules().get(0).value());
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(c -> { }));
        assertTrue(s3.getBucketNotificationConfiguration(b -> b.bucket(bucket)).topicConfigurations().isEmpty());
    }

    @Test
    void theReadmesPythonSnippetVerifiesARealDelivery() throws Exception {
        String bucket = bucket("s3:ObjectCreated:Put");
        s3.putObject(b -> b.bucket(bucket).key("in/python"), RequestBody.fromString("x"));
        WebhookReceiver.Delivery event = awaitEvents(1).get(0);
        Path readme = Path.of(System.getProperty("basedir", "."), "..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("```python\n");
        assertTrue(start >= 0, "the README has the Python snippet");
        String snippet = text.substring(start + "```python\n".length(), text.indexOf("```", start + 9));
        Path script = Files.writeString(dir.resolve("verify.py"), snippet + String.join("\n",
                "import json, sys",
                "headers = json.load(open(sys.argv[1]))",
                "body = open(sys.argv[2], 'rb').read()",
                "secret = sys.argv[3].encode()",
                "print(verify(secret, headers, body), verify(b'another-secret', headers, body),",
                "      verify(secret, headers, body + b' '), verify(secret, {}, body))", ""));
        Path headers = Files.writeString(dir.resolve("headers.json"), "{\"Granary-Timestamp\": \""
                + event.timestamp() + "\", \"Granary-Signature\": \"" + event.signature() + "\"}");
        Path body = Files.write(dir.resolve("body.json"), event.body());
        ChildProcess.Result run = ChildProcess.run(List.of("python3", script.toString(), headers.toString(),
                body.toString(), SECRET), java.util.Map.of(), Duration.ofSeconds(60), dir);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("True False False False", run.output().strip(), "genuine; wrong secret; tampered; unsigned");
    }
}
