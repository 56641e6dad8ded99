package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --sigv2 off} a SigV2 URL is refused as SigV4-only S3 regions refuse it. */
@Timeout(120)
class SigV2OffIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = GranaryServerExtension.configured(c -> c.withSigV2(false));

    @Test
    void sigV2PresignedUrlsAreRefused(@TempDir Path home) throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED).createBucket(b -> b.bucket(bucket));
        String url = ChildProcess.run(java.util.List.of("aws", "--endpoint-url", SERVER.endpoint().toString(), "s3",
                "presign", "s3://" + bucket + "/k"), SigV2IT.clientEnv(home), java.time.Duration.ofMinutes(2), home)
                .requireSuccess().output().strip();
        HttpResponse<byte[]> response = SigV2IT.fetch(url);
        SigV2IT.assertError(response, 400, "InvalidRequest");
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("Please use AWS4-HMAC-SHA256."));
    }
}
