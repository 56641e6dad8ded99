package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.ListenerSettings;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 and metrics listeners over TLS (issue 17) with a test CA, an intermediate and a server chain:
 * the SDK v2 and the aws CLI with {@code --ca-bundle} work over https, a client that does not trust the CA
 * is refused, the "deny insecure transport" bucket policy denies plain HTTP and allows HTTPS, and a reload
 * serves the new certificate to new connections while an open one goes on.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TlsIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final TestCertificates CERTS = TestCertificates.create(tempDir(), "granary-first");

    @RegisterExtension
    static final GranaryServerExtension TLS = GranaryServerExtension.configured(
            c -> c.withListeners(ListenerSettings.defaults().withTls(CERTS.files())));

    @RegisterExtension
    static final ConsoleServerExtension CONSOLE = new ConsoleServerExtension(TLS);

    @RegisterExtension
    static final GranaryServerExtension PLAIN = new GranaryServerExtension();

    @TempDir
    static Path home;

    private static URI https() {
        return URI.create("https://127.0.0.1:" + TLS.port());
    }

    private static S3Client sdk(URI endpoint) {
        return S3Clients.syncBuilder(endpoint, S3Clients.ChecksumSetting.SDK_DEFAULT)
                .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(CERTS::trustManagers).build())
                .build();
    }

    @Test
    void sdkV2PutsAndGetsOverHttpsTrustingTheTestCa() {
        String bucket = GranaryServerExtension.newBucket();
        byte[] body = TestData.random(3 * TestData.MIB + 17, 7);
        try (S3Client s3 = sdk(https())) {
            s3.createBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("secret.bin"), RequestBody.fromBytes(body));
            assertArrayEquals(body, s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret.bin")).asByteArray());
        }
        assertEquals("https", TLS.node().scheme());
    }

    @Test
    void awsCliCopiesOverHttpsWithCaBundleAndRefusesWithout(@TempDir Path dir) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        Path file = TestData.randomFile(dir.resolve("nine.bin"), 9L * TestData.MIB + 3, 11);
        aws("--ca-bundle", CERTS.caPem().toString(), "s3", "mb", "s3://" + bucket).requireSuccess();
        aws("--ca-bundle", CERTS.caPem().toString(), "s3", "cp", file.toString(), "s3://" + bucket + "/nine.bin")
                .requireSuccess();
        Path back = dir.resolve("back.bin");
        aws("--ca-bundle", CERTS.caPem().toString(), "s3", "cp", "s3://" + bucket + "/nine.bin", back.toString())
                .requireSuccess();
        assertEquals(TestData.sha256(file), TestData.sha256(back));
        ChildProcess.Result untrusted = aws("s3", "ls", "s3://" + bucket);
        assertNotEquals(0, untrusted.exitCode(), untrusted.output());
        assertTrue(untrusted.output().contains("SSL") || untrusted.output().contains("certificate"),
                untrusted.output());
    }

    @Test
    void denyInsecureTransportPolicyDeniesPlainHttpAndAllowsHttps() {
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client secure = userOf(TLS, bucket, sdk(https()));
                S3Client plain = userOf(PLAIN, bucket, S3Clients.sync(PLAIN.endpoint(),
                        S3Clients.ChecksumSetting.SDK_DEFAULT))) {
            secure.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("over tls"));
            assertEquals("over tls", secure.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> plain.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("in clear")));
            assertEquals(403, denied.statusCode());
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
        }
    }

    @Test
    void denyInsecureTransportBindsTheRootTooWhichMayStillRemoveThePolicy() {
        String bucket = GranaryServerExtension.newBucket();
        userOf(PLAIN, bucket, S3Clients.sync(PLAIN.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)).close();
        try (S3Client root = S3Clients.sync(PLAIN.endpoint(), S3Clients.ChecksumSetting.SDK_DEFAULT)) {
            S3Exception denied = assertThrows(S3Exception.class,
                    () -> root.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("in clear")));
            assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
            // AWS's way out of a policy that locks everyone out: the owner's root may always remove it.
            root.deleteBucketPolicy(b -> b.bucket(bucket));
            root.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("in clear"));
            assertEquals("in clear", root.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        }
    }

    /**
     * Makes {@code bucket} with the deny-insecure-transport policy on {@code server} (as root) and returns a
     * client of a user allowed s3:*.
     */
    private static S3Client userOf(GranaryServerExtension server, String bucket, S3Client root) {
        try (root) {
            root.createBucket(b -> b.bucket(bucket));
            root.putBucketPolicy(b -> b.bucket(bucket).policy(denyInsecure(bucket)));
        }
        IamService iam = server.node().iam();
        CreatedAccessKey key = IamFixtures.user(iam, iam.systemAccount().accountId(), "u-" + bucket,
                IamFixtures.allow("\"s3:*\"", "\"*\""));
        return S3Clients.syncBuilder(URI.create(server.node().scheme() + "://127.0.0.1:" + server.port()),
                        S3Clients.ChecksumSetting.SDK_DEFAULT)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
                        key.secretKey())))
                .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(CERTS::trustManagers).build())
                .build();
    }

    @Test
    void metricsListenerServesHttpsToo() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTS.sslContext()).build();
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + TLS.node().metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("granary_"), metrics.body());
    }

    @Test
    void reloadServesTheNewCertificateToNewConnectionsAndKeepsOpenOnes() throws Exception {
        try (SSLSocket open = connect()) {
            assertEquals("CN=granary-first", subject(open));
            assertEquals(403, listBucketsStatus(open), "unsigned ListBuckets");
            CERTS.issue("granary-second");
            int changed = TLS.node().reloadTls().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
            assertEquals(Runtime.getRuntime().availableProcessors() + 2, changed,
                    "every S3 listener, metrics and the console");
            assertEquals(403, listBucketsStatus(open), "the open connection goes on");
            try (SSLSocket fresh = connect()) {
                assertEquals("CN=granary-second", subject(fresh));
                assertEquals(403, listBucketsStatus(fresh));
            }
        }
    }

    @Test
    void sighupReloadsTheCertificateOfARunningServer(@TempDir Path dir) throws Exception {
        Path certDir = Files.createDirectories(dir.resolve("certs"));
        TestCertificates certs = TestCertificates.create(certDir, "child-first");
        try (ChildServer child = ChildServer.start(dir.resolve("data"), dir, List.of("--tls-cert",
                certs.files().cert().toString(), "--tls-key", certs.files().key().toString()))) {
            int port = child.endpoint().getPort();
            try (SSLSocket first = connect(certs, port)) {
                assertEquals("CN=child-first", subject(first));
            }
            certs.issue("child-second");
            ChildProcess.run(List.of("kill", "-HUP", String.valueOf(child.pid())), Map.of(), COMMAND_TIMEOUT, dir)
                    .requireSuccess();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    try (SSLSocket next = connect(certs, port)) {
                        return subject(next).equals("CN=child-second");
                    }
                });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the new certificate was never served; server output:\n"
                        + child.output(), e);
            }
            // The listeners may serve the new certificate a moment before the reload's log line is written.
            await().atMost(Duration.ofSeconds(10)).until(() -> child.output().contains("reloaded the TLS certificate"));
            assertTrue(child.output().contains("granary listening on https://"), child.output());
        }
    }

    @Test
    void theConsoleServesHttpsAndItsRelayReachesTheTlsS3Listener() throws Exception {
        assertTrue(CONSOLE.base().startsWith("https://"), CONSOLE.base());
        String bucket = GranaryServerExtension.newBucket();
        try (S3Client root = sdk(https())) {
            root.createBucket(b -> b.bucket(bucket));
        }
        HttpClient client = HttpClient.newBuilder().sslContext(CERTS.sslContext()).build();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(CONSOLE.base() + "api/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"accessKeyId\":\"" + GranaryServerExtension.ACCESS_KEY + "\",\"secretAccessKey\":\""
                                + GranaryServerExtension.SECRET_KEY + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("Secure"), setCookie);
        HttpResponse<String> buckets = client.send(HttpRequest.newBuilder(URI.create(CONSOLE.base() + "s3/"))
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';'))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, buckets.statusCode(), buckets.body());
        assertTrue(buckets.body().contains("<Name>" + bucket + "</Name>"), buckets.body());
    }

    private static SSLSocket connect() throws IOException {
        return connect(CERTS, TLS.port());
    }

    private static SSLSocket connect(TestCertificates certs, int port) throws IOException {
        SSLSocket socket = (SSLSocket) certs.sslContext().getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        return socket;
    }

    private static String subject(SSLSocket socket) throws IOException {
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    /** Sends an unsigned ListBuckets on the kept-alive connection and reads the answer whole. */
    private static int listBucketsStatus(SSLSocket socket) throws IOException {
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
        int status = Integer.parseInt(in.readLine().split(" ")[1]);
        int length = 0;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[length];
        for (int read = 0; read < length;) read += in.read(body, read, length - read);
        return status;
    }

    private static String denyInsecure(String bucket) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny",
                "Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::%1$s","arn:aws:s3:::%1$s/*"],
                "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""".formatted(bucket);
    }

    private static ChildProcess.Result aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", https().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        return ChildProcess.run(command, Map.of("AWS_ACCESS_KEY_ID", GranaryServerExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", GranaryServerExtension.SECRET_KEY,
                "AWS_DEFAULT_REGION", GranaryServerExtension.REGION,
                "AWS_CONFIG_FILE", home.resolve("no-such-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-such-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", ""), COMMAND_TIMEOUT, home);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("granary-tls-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
