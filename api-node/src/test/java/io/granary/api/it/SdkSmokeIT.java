package io.granary.api.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@Timeout(120)
class SdkSmokeIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();

    @Test
    void putAndGetWithTheSdkDefaults() {
        try (S3Client s3 = S3Client.builder().endpointOverride(SERVER.endpoint()).forcePathStyle(true)
                .region(Region.of(GranaryServerExtension.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY)))
                .build()) {
            String bucket = GranaryServerExtension.newBucket();
            s3.createBucket(b -> b.bucket(bucket));
            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(data);
            s3.putObject(b -> b.bucket(bucket).key("a/b c+d"), RequestBody.fromBytes(data));
            byte[] back = s3.getObjectAsBytes(b -> b.bucket(bucket).key("a/b c+d")).asByteArray();
            assertArrayEquals(data, back);
            assertEquals(1, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        }
    }
}
