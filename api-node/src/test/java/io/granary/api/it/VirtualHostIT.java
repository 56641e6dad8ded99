package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.ApiNode;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Virtual-host-style addressing with {@code --domain}: the SDK (path style off) names the bucket in
 * the Host header, {@code BUCKET.s3.granary.test}; every such name resolves to the loopback server.
 */
@Timeout(120)
class VirtualHostIT {
    private static final String DOMAIN = "s3.granary.test";

    @Test
    void bucketInTheHostNameAddressesTheSameObjectsAsPathStyle(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        ApiNode.Config config = ApiNode.Config.embedded(dir, "127.0.0.1", 0, Map.of(
                "GRANARY_ACCESS_KEY", GranaryServerExtension.ACCESS_KEY,
                "GRANARY_SECRET_KEY", GranaryServerExtension.SECRET_KEY)).withDomain(DOMAIN);
        try (ApiNode node = ApiNode.start(vertx, config);
             S3Client virtualHost = client(URI.create("http://" + DOMAIN + ":" + node.port()), false);
             S3Client pathStyle = client(URI.create("http://127.0.0.1:" + node.port()), true)) {
            String bucket = GranaryServerExtension.newBucket();
            virtualHost.createBucket(b -> b.bucket(bucket));
            byte[] data = "addressed by host name".getBytes(StandardCharsets.UTF_8);
            virtualHost.putObject(b -> b.bucket(bucket).key("dir/a b.txt"), RequestBody.fromBytes(data));
            assertArrayEquals(data, pathStyle.getObjectAsBytes(b -> b.bucket(bucket).key("dir/a b.txt"))
                    .asByteArray());
            assertEquals(1, virtualHost.listObjectsV2(b -> b.bucket(bucket).prefix("dir/")).keyCount());
            assertTrue(sigV2PresignedGet(dir, node.port(), bucket).endsWith("addressed by host name"));
            virtualHost.deleteObject(b -> b.bucket(bucket).key("dir/a b.txt"));
            assertEquals(0, pathStyle.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /**
     * Fetches the object through a boto3 SigV2 presigned URL in virtual-host form, whose signed resource starts
     * with the bucket from the Host header; sent over a plain socket so the Host header is the URL's.
     */
    private static String sigV2PresignedGet(Path dir, int port, String bucket) throws Exception {
        String url = ChildProcess.run(List.of("python3", "-c", "import boto3,sys; from botocore.config import Config; "
                + "print(boto3.client('s3', endpoint_url=sys.argv[1], config=Config(s3={'addressing_style': "
                + "'virtual'})).generate_presigned_url('get_object', Params={'Bucket': sys.argv[2], "
                + "'Key': 'dir/a b.txt'}))", "http://" + DOMAIN + ":" + port, bucket), SigV2IT.clientEnv(dir),
                Duration.ofMinutes(2), dir).requireSuccess().output().strip();
        URI uri = URI.create(url);
        assertEquals(bucket + "." + DOMAIN, uri.getHost(), url);
        assertTrue(uri.getRawQuery().contains("AWSAccessKeyId="), url);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\nHost: "
                    + uri.getRawAuthority() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            return response;
        }
    }

    private static S3Client client(URI endpoint, boolean pathStyle) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(pathStyle)
                .region(Region.of(GranaryServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY)))
                // Every name under the test domain is this machine.
                .httpClient(ApacheHttpClient.builder().dnsResolver(host -> new InetAddress[] {
                    InetAddress.getLoopbackAddress()}).build())
                .build();
    }
}
