package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.ListenerSettings;
import io.granary.api.limits.ClientGuard;
import io.granary.api.limits.ClientLimits;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamService;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The caps on connections and on requests in flight, globally and per access key (issue 17), on a server
 * with tiny ones: beyond a cap a request gets {@code 503 SlowDown} with {@code Retry-After} and an S3 error
 * document, and once the holders leave the next request is served.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlowDownIT {
    private static final int MAX_CONNECTIONS = 6;
    private static final ClientLimits TINY = new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(30), 0, MAX_CONNECTIONS, 2, 1, 1L << 40, 3, Duration.ofMillis(100));

    @RegisterExtension
    static final GranaryServerExtension SERVER = GranaryServerExtension.configured(
            c -> c.withListeners(ListenerSettings.defaults().withLimits(TINY)));

    private static ClientGuard guard() {
        return SERVER.node().clientGuard();
    }

    @Test
    void requestsBeyondThePerKeyAndGlobalInFlightCapsGetSlowDownWithRetryAfter() throws Exception {
        String bucket = bucket();
        IamService iam = SERVER.node().iam();
        CreatedAccessKey user = IamFixtures.user(iam, iam.systemAccount().accountId(), "u-" + bucket,
                IamFixtures.allow("\"s3:*\"", "\"*\""));
        RawRequest.Signing asUser = new RawRequest.Signing(Instant.now(), user.accessKeyId(), user.secretKey());
        try (Socket rootUpload = holdUpload(bucket, "by-root", RawRequest.Signing.now())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> guard().inflight() == 1);
            assertSlowDown(listBuckets(RawRequest.Signing.now()), "the root key has its one request in flight");
            assertEquals(403, send(RawRequest.of("GET", "/").wire()).status(), "anonymous: another key");
            try (Socket userUpload = holdUpload(bucket, "by-user", asUser)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> guard().inflight() == 2);
                assertSlowDown(send(RawRequest.of("GET", "/").wire()), "two in flight: the global cap");
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> guard().inflight() == 0);
        assertEquals(200, listBuckets(RawRequest.Signing.now()).status());
    }

    @Test
    void requestsOnConnectionsBeyondTheCapGetSlowDownAndTheConnectionCloses() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> guard().connections() == 0);
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) idle.add(new Socket("127.0.0.1", SERVER.port()));
            await().atMost(Duration.ofSeconds(10)).until(() -> guard().connections() == MAX_CONNECTIONS);
            RawHttpClient.Response refused = send(RawRequest.of("GET", "/").signed().wire());
            assertSlowDown(refused, "one connection over the cap");
            assertEquals("close", refused.header("Connection"));
        } finally {
            for (Socket socket : idle) socket.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> guard().connections() == 0);
        assertEquals(200, listBuckets(RawRequest.Signing.now()).status());
    }

    /** A signed PUT whose body stops after its first bytes: it holds its place in flight until closed. */
    private static Socket holdUpload(String bucket, String key, RawRequest.Signing signing) throws IOException {
        Socket socket = new Socket("127.0.0.1", SERVER.port());
        socket.getOutputStream().write(RawRequest.of("PUT", "/" + bucket + "/" + key)
                .header("Content-Length", String.valueOf(TestData.MIB)).noAutomaticLength()
                .sign(signing, RawRequest.UNSIGNED).wire());
        socket.getOutputStream().write(new byte[1024]);
        socket.getOutputStream().flush();
        return socket;
    }

    private static RawHttpClient.Response listBuckets(RawRequest.Signing signing) throws IOException {
        return send(RawRequest.of("GET", "/").sign(signing, RawRequest.sha256Hex(new byte[0])).wire());
    }

    private static RawHttpClient.Response send(byte[] request) throws IOException {
        return new RawHttpClient(SERVER.port()).send(request);
    }

    private static void assertSlowDown(RawHttpClient.Response answer, String why) {
        assertEquals(503, answer.status(), why + ": " + answer.text());
        assertTrue(answer.text().contains("<Code>SlowDown</Code>"), answer.text());
        assertTrue(answer.text().contains("<RequestId>"), answer.text());
        assertEquals("3", answer.header("Retry-After"), why);
    }

    private static String bucket() {
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }
}
