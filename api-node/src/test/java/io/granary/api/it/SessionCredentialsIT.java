package io.granary.api.it;

import static io.granary.api.it.IamFixtures.allow;
import static io.granary.api.it.TestData.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.iam.CreatedAccessKey;
import io.granary.iam.EntityType;
import io.granary.iam.IamService;
import io.granary.iam.TemporaryCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Temporary credentials on S3 requests: the session token in the x-amz-security-token header and the
 * presigned X-Amz-Security-Token parameter, a missing or wrong token, and a session outliving its user.
 */
@Timeout(120)
class SessionCredentialsIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    private static IamService iam;
    private static String account;
    private static String bucket;

    @BeforeAll
    static void bucketWithAnObject() {
        iam = SERVER.node().iam();
        account = iam.systemAccount().accountId();
        bucket = GranaryServerExtension.newBucket();
        S3Client root = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        root.createBucket(b -> b.bucket(bucket));
        root.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("session bytes"));
    }

    private static TemporaryCredentials session(String user) {
        CreatedAccessKey key = IamFixtures.user(iam, account, user, allow("\"s3:GetObject\"",
                "\"arn:aws:s3:::" + bucket + "/*\""));
        return iam.getSessionToken(iam.findCredential(key.accessKeyId()).orElseThrow(), 900);
    }

    private static S3Client client(String accessKeyId, String secret, String token) {
        return S3Clients.as(SERVER.endpoint(), StaticCredentialsProvider.create(token == null
                ? AwsBasicCredentials.create(accessKeyId, secret)
                : AwsSessionCredentials.create(accessKeyId, secret, token)));
    }

    @Test
    void aSessionTokenInTheHeaderOrAPresignedUrlAuthenticates() throws Exception {
        TemporaryCredentials session = session("session-user");
        S3Client s3 = client(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        assertEquals("session bytes", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        assertS3Error(403, "AccessDenied", () -> s3.putObject(b -> b.bucket(bucket).key("w"),
                RequestBody.fromString("x")));

        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(SERVER.endpoint())
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken()))).build()) {
            String url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("k"))).url().toString();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("session bytes", response.body());
        }
    }

    @Test
    void aSigV2PresignedUrlCarriesTheTokenInItsQuery(@TempDir Path home) throws Exception {
        TemporaryCredentials session = session("v2-session-user");
        Map<String, String> env = new HashMap<>(SigV2IT.clientEnv(home));
        env.put("AWS_ACCESS_KEY_ID", session.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", session.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", session.sessionToken());
        String url = ChildProcess.run(List.of("python3", "-c", "import boto3,sys; print(boto3.client('s3', "
                + "endpoint_url=sys.argv[1]).generate_presigned_url('get_object', Params={'Bucket': sys.argv[2], "
                + "'Key': 'k'}))", SERVER.endpoint().toString(), bucket), env, Duration.ofMinutes(2), home)
                .requireSuccess().output().strip();
        assertTrue(url.contains("AWSAccessKeyId=") && url.contains("x-amz-security-token="), url);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("session bytes", response.body());
    }

    @Test
    void aMissingOrWrongTokenIsRefused() {
        TemporaryCredentials session = session("token-user");
        TemporaryCredentials other = session("other-token-user");
        assertS3Error(403, "InvalidAccessKeyId", () -> client(session.accessKeyId(), session.secretAccessKey(), null)
                .getObject(b -> b.bucket(bucket).key("k")));
        assertS3Error(400, "InvalidToken", () -> client(session.accessKeyId(), session.secretAccessKey(),
                other.sessionToken()).getObject(b -> b.bucket(bucket).key("k")));
        assertS3Error(400, "InvalidToken", () -> client(session.accessKeyId(), session.secretAccessKey(),
                session.sessionToken().substring(1)).getObject(b -> b.bucket(bucket).key("k")));
    }

    @Test
    void deletingTheUserEndsItsSessions() {
        TemporaryCredentials session = session("leaving-user");
        S3Client s3 = client(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        assertEquals("session bytes", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        iam.listAccessKeys(account, "leaving-user").forEach(k -> iam.deleteAccessKey(account, "leaving-user",
                k.accessKeyId()));
        iam.deleteInlinePolicy(EntityType.USER, account, "leaving-user", "inline");
        iam.deleteUser(account, "leaving-user");
        assertS3Error(400, "InvalidToken", () -> s3.getObject(b -> b.bucket(bucket).key("k")));
    }
}
