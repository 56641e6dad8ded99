package io.granary.api.it;

import io.granary.api.it.S3Clients.ChecksumSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Base of the SDK v2 sync-client test classes: every test runs once per {@link ChecksumSetting},
 * with a fresh client and its own new bucket. Each subclass registers its own server.
 */
@Timeout(120)
@ParameterizedClass
@EnumSource(ChecksumSetting.class)
abstract class SdkV2Case {
    @Parameter
    ChecksumSetting setting;

    S3Client s3;
    String bucket;

    /** The server this class's tests run against. */
    abstract GranaryServerExtension server();

    @BeforeEach
    void createClientAndBucket() {
        s3 = S3Clients.sync(server().endpoint(), setting);
        bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void closeClient() {
        s3.close();
    }
}
