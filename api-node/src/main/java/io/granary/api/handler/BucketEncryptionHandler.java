package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.S3Request;
import io.granary.api.xml.EncryptionConfiguration;
import io.granary.metadata.model.DefaultEncryption;
import io.granary.metadata.model.Encryption;
import io.vertx.core.Future;
import java.util.List;

/**
 * Put/Get/DeleteBucketEncryption: the encryption a write gets when it names none ({@link ServerSideEncryption}).
 * SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms}, with a key of the key store that must exist and be
 * enabled in the bucket owner's account when the configuration is put; none named is the AWS managed key).
 */
final class BucketEncryptionHandler {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Services services;
    private final Access access;

    BucketEncryptionHandler(Services services, Access access) {
        this.services = services;
        this.access = access;
    }

    Future<Void> get(S3Request request, Caller caller) {
        return access.bucket(request, caller).compose(bucket -> {
            DefaultEncryption encryption = bucket.encryption();
            if (encryption == null) {
                throw S3Exception.of(S3Error.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND)
                        .with("BucketName", bucket.name());
            }
            return Responses.xml(request, new EncryptionConfiguration(List.of(new EncryptionConfiguration.Rule(
                    new EncryptionConfiguration.ByDefault(encryption.algorithm(), encryption.kmsKeyId()),
                    encryption.bucketKeyEnabled()))));
        });
    }

    Future<Void> put(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> SmallBody.read(request, caller, MAX_BODY_BYTES).map(body -> {
                    DefaultEncryption encryption = parse(SmallBody.xml(body, EncryptionConfiguration.class));
                    if (Encryption.KMS.equals(encryption.algorithm())) {
                        services.keyStore().enabledKey(bucket.ownerAccountId(), encryption.kmsKeyId());
                    }
                    return encryption;
                }))
                .compose(encryption -> store(request, encryption))
                .compose(v -> Responses.empty(request, 200));
    }

    Future<Void> delete(S3Request request, Caller caller) {
        return access.bucket(request, caller)
                .compose(bucket -> store(request, null))
                .compose(v -> Responses.empty(request, 204));
    }

    /** The one rule S3 allows, with an algorithm Granary keeps. */
    static DefaultEncryption parse(EncryptionConfiguration document) {
        if (document.rules() == null || document.rules().size() != 1 || document.rules().get(0).byDefault() == null
                || document.rules().get(0).byDefault().algorithm() == null) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        EncryptionConfiguration.Rule rule = document.rules().get(0);
        String algorithm = rule.byDefault().algorithm();
        if (algorithm.equals("aws:kms:dsse")) {
            throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "Dual-layer encryption (aws:kms:dsse) is not implemented.");
        }
        boolean kms = algorithm.equals(Encryption.KMS);
        if (!kms && !algorithm.equals(Encryption.AES256)) throw S3Exception.of(S3Error.MALFORMED_XML);
        if (!kms && rule.byDefault().kmsMasterKeyId() != null) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "a KMSMasterKeyID is not applicable if the default "
                    + "sse algorithm is not aws:kms or aws:kms:dsse")
                    .with("ArgumentName", "ApplyServerSideEncryptionByDefault");
        }
        return new DefaultEncryption(algorithm, rule.byDefault().kmsMasterKeyId(),
                Boolean.TRUE.equals(rule.bucketKeyEnabled()));
    }

    private Future<Void> store(S3Request request, DefaultEncryption encryption) {
        return services.metadata().call(store -> store.buckets().update(request.bucket(),
                bucket -> bucket.withEncryption(encryption))).mapEmpty();
    }
}
