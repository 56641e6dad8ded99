package io.granary.api.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * AWS SDK v2 clients pointed at a test server the way a user would configure them: endpoint override,
 * path-style addressing, static root credentials, us-east-1, and otherwise the SDK's defaults.
 */
public final class S3Clients {
    /** The two request-checksum behaviours every SDK test runs under. */
    public enum ChecksumSetting {
        /** The SDK default: a CRC32 trailer on an aws-chunked body wherever the operation supports one. */
        SDK_DEFAULT(RequestChecksumCalculation.WHEN_SUPPORTED, ResponseChecksumValidation.WHEN_SUPPORTED),
        /** Checksums only where the operation requires one (the pre-2025 behaviour). */
        WHEN_REQUIRED(RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation.WHEN_REQUIRED);

        private final RequestChecksumCalculation request;
        private final ResponseChecksumValidation response;

        ChecksumSetting(RequestChecksumCalculation request, ResponseChecksumValidation response) {
            this.request = request;
            this.response = response;
        }
    }

    private S3Clients() {
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(GranaryServerExtension.ACCESS_KEY,
                GranaryServerExtension.SECRET_KEY));
    }

    static S3Client sync(URI endpoint, ChecksumSetting setting) {
        return syncBuilder(endpoint, setting).build();
    }

    /** The configuration of {@link #sync}, for a test that needs to add to it (HTTP pool, retries). */
    public static S3ClientBuilder syncBuilder(URI endpoint, ChecksumSetting setting) {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.of(GranaryServerExtension.REGION)).credentialsProvider(credentials())
                .requestChecksumCalculation(setting.request).responseChecksumValidation(setting.response);
    }

    /** A WHEN_REQUIRED sync client signing with other credentials (a user's key, a session, another account). */
    static S3Client as(URI endpoint, AwsCredentialsProvider credentials) {
        return syncBuilder(endpoint, ChecksumSetting.WHEN_REQUIRED).credentialsProvider(credentials).build();
    }

    static S3AsyncClient async(URI endpoint, boolean multipart) {
        return S3AsyncClient.builder().endpointOverride(endpoint).forcePathStyle(true)
                .region(Region.of(GranaryServerExtension.REGION)).credentialsProvider(credentials())
                .multipartEnabled(multipart).build();
    }

    static S3Presigner presigner(URI endpoint) {
        return S3Presigner.builder().endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .region(Region.of(GranaryServerExtension.REGION)).credentialsProvider(credentials()).build();
    }
}
