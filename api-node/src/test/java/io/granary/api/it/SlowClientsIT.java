package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.ListenerSettings;
import io.granary.api.limits.ClientGuard;
import io.granary.api.limits.ClientLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Slow and abusive clients on raw sockets (issue 17), against a server whose deadlines are a second (the
 * shipped ones are 20 s; the logic is the same): idle and trickling connections are closed by their
 * header deadline while a normal client is served, a stalled or trickling body is answered {@code 400
 * RequestTimeout} and frees what it held, an undrained response is cut off.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SlowClientsIT {
    private static final int FLOOD = 2000;
    private static final long MIB = TestData.MIB;
    private static final int NORMAL_CLIENT_CONNECTIONS = 4;
    static final ClientLimits SHORT = new ClientLimits(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(1), 1024, 5000, 256, 128, 1L << 40, 1, Duration.ofMillis(100));

    @RegisterExtension
    static final GranaryServerExtension SERVER = GranaryServerExtension.configured(
            c -> c.withListeners(ListenerSettings.defaults().withLimits(SHORT)));

    private static ClientGuard guard() {
        return SERVER.node().clientGuard();
    }

    @Test
    void twoThousandIdleAndTricklingConnectionsAreClosedByTheirDeadlinesWhileANormalClientIsServed()
            throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        byte[] body = TestData.random(256 * 1024, 3);
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            s3.createBucket(b -> b.bucket(bucket));
            long heapBefore = usedHeapAfterGc();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD; i++) {
                    Socket socket = new Socket("127.0.0.1", SERVER.port());
                    socket.setSoTimeout(10_000);
                    // Half say nothing; half start a request and send its headers a byte at a time.
                    if (i % 2 == 1) write(socket, "GET /" + bucket + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                    sockets.add(socket);
                }
                assertTrue(usedHeapAfterGc() - heapBefore < 256 * MIB, "2,000 connections hold little memory");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int round = 0;
                do {
                    for (int i = 1; i < sockets.size(); i += 2) write(sockets.get(i), "x");
                    String key = "normal-" + round++;
                    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
                    assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
                } while (floodStillOpen() > 0 && System.nanoTime() < deadline);
                await().atMost(Duration.ofSeconds(30)).until(() -> floodStillOpen() == 0);
                for (Socket socket : sockets) assertTrue(closedByServer(socket), "closed by the server");
            } finally {
                for (Socket socket : sockets) socket.close();
            }
        }
    }

    /** Connections the server still holds beyond the normal client's pool (a handful at most). */
    private static int floodStillOpen() {
        return Math.max(0, guard().connections() - NORMAL_CLIENT_CONNECTIONS);
    }

    @Test
    void aStalledBodyIsAnsweredRequestTimeoutAndFreesWhatItHeld() throws Exception {
        String bucket = bucket();
        try (Socket socket = startUpload(bucket, "stalled", 16 * MIB)) {
            OutputStream out = socket.getOutputStream();
            out.write(TestData.random((int) (3 * MIB), 5));
            out.flush();
            RawHttpClient.Response answer = RawHttpClient.read(socket.getInputStream(), false);
            assertRequestTimeout(answer);
            assertTrue(closedByServer(socket));
        }
        awaitNothingHeld();
        assertEquals(404, headStatus(bucket, "stalled"));
    }

    @Test
    void aBodyTricklingBelowTheMinimumRateIsAnsweredRequestTimeout() throws Exception {
        String bucket = bucket();
        try (Socket socket = startUpload(bucket, "trickled", MIB)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // 100 bytes every 250 ms: 400 B/s, under the 1 KiB/s minimum, but never silent for a whole window.
            while (in.available() == 0 && System.nanoTime() < deadline) {
                try {
                    out.write(new byte[100]);
                    out.flush();
                } catch (SocketException closed) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(250); // paces the trickle; nothing is asserted after it
            }
            assertRequestTimeout(RawHttpClient.read(in, false));
        }
        awaitNothingHeld();
        assertEquals(404, headStatus(bucket, "trickled"));
    }

    @Test
    void aResponseTheClientDoesNotReadIsCutOff() throws Exception {
        String bucket = bucket();
        long size = 96 * MIB;
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED)) {
            s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromBytes(TestData.random((int) size, 9)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> guard().connections() == 0);
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", SERVER.port()));
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(RawRequest.of("GET", "/" + bucket + "/big").signed().wire());
            InputStream in = socket.getInputStream();
            assertTrue(new String(in.readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            await().atMost(Duration.ofSeconds(20)).until(() -> guard().connections() == 0);
            awaitNothingHeld();
            long received = drain(in);
            assertTrue(received < size, "the answer was cut off after " + received + " bytes");
        }
    }

    /** Waits until no request is in flight and no transfer holds memory: whatever ended them freed it all. */
    static void awaitNothingHeld() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals("0 bytes held, 0 in flight",
                guard().heldBytes() + " bytes held, " + guard().inflight() + " in flight"));
    }

    private static String bucket() {
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED)) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    private static int headStatus(String bucket, String key) throws IOException {
        return new RawHttpClient(SERVER.port()).send(RawRequest.of("HEAD", "/" + bucket + "/" + key).signed().wire())
                .status();
    }

    /** A connection that has sent the headers of a signed PUT of {@code length} unsigned-payload bytes. */
    private static Socket startUpload(String bucket, String key, long length) throws IOException {
        Socket socket = new Socket("127.0.0.1", SERVER.port());
        socket.setSoTimeout(15_000);
        socket.getOutputStream().write(RawRequest.of("PUT", "/" + bucket + "/" + key)
                .header("Content-Length", String.valueOf(length)).noAutomaticLength()
                .sign(RawRequest.Signing.now(), RawRequest.UNSIGNED).wire());
        return socket;
    }

    private static void assertRequestTimeout(RawHttpClient.Response answer) {
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.text().contains("<Code>RequestTimeout</Code>"), answer.text());
        assertTrue(answer.text().contains("<RequestId>"), answer.text());
        assertEquals("close", answer.header("Connection"));
    }

    private static void write(Socket socket, String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException closedAlready) {
            // The server closed it on its deadline: what the test waits for.
        }
    }

    /** Whether the server ended the connection: EOF, or a reset after what it had sent. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException open) {
            return false;
        }
    }

    /** Reads to the end of the stream, or to a reset (the server gave up on the answer): the bytes read. */
    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) received += n;
        } catch (SocketException reset) {
            return received;
        }
        return received;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
