package io.granary.api.crypto;

import io.granary.api.pipeline.PartKeys;
import io.granary.iam.DataKeyWrapper;
import io.granary.iam.DataKeys;
import io.granary.iam.KeyStore;
import io.granary.metadata.model.Encryption;
import io.granary.metadata.model.PartLayout;

/**
 * Envelope encryption: every part gets its own random data key, stored wrapped under the master key (SSE-S3),
 * a key of the key store (SSE-KMS) or the client's key (SSE-C), and bound to the part's shard set (and, for
 * SSE-KMS, to the encryption context), so the data nodes only ever hold ciphertext and the metadata only
 * wrapped keys.
 */
public final class EnvelopeKeys implements PartKeys {
    private final DataKeys master;
    private final KeyStore kms;

    public EnvelopeKeys(DataKeys master, KeyStore kms) {
        this.master = master;
        this.kms = kms;
    }

    @Override
    public PartKey newKey(Request request, String shardSetId) {
        Encryption encryption = request.encryption();
        byte[] key = DataKeyWrapper.newDataKey();
        String context = context(encryption, shardSetId);
        String wrapped = switch (encryption.algorithm()) {
            case Encryption.AES256 -> master.wrap(key, context);
            case Encryption.KMS -> kms.wrap(encryption.kmsKeyArn(), key, context);
            case Encryption.CUSTOMER -> customer(request.customerKey()).wrap(key, context);
            default -> throw new IllegalArgumentException("unsupported " + encryption.algorithm());
        };
        return new PartKey(encryption, new BlockCipher(key), wrapped);
    }

    @Override
    public BlockCipher cipher(PartLayout part, CustomerKey customerKey) {
        Encryption encryption = part.sealing().encryption();
        String wrapped = part.sealing().wrappedKey();
        String context = context(encryption, part.shardSetId());
        return new BlockCipher(switch (encryption.algorithm()) {
            case Encryption.AES256 -> master.unwrap(wrapped, context);
            case Encryption.KMS -> kms.unwrap(encryption.kmsKeyArn(), wrapped, context);
            case Encryption.CUSTOMER -> customer(customerKey).unwrap(wrapped, context);
            default -> throw new IllegalArgumentException("unsupported " + encryption.algorithm());
        });
    }

    private static DataKeyWrapper customer(CustomerKey key) {
        if (key == null) throw new IllegalStateException("an SSE-C part needs the client's key");
        return DataKeyWrapper.under(key.key(), "customer key");
    }

    /** What the master key's wrapping of an SSE-S3 part's data key is bound to. */
    public static String masterContext(String shardSetId) {
        return "sse-s3:" + shardSetId;
    }

    /** What a wrapped key is bound to: its kind, its shard set and, for SSE-KMS, the encryption context. */
    private static String context(Encryption encryption, String shardSetId) {
        return switch (encryption.algorithm()) {
            case Encryption.AES256 -> masterContext(shardSetId);
            case Encryption.KMS -> "sse-kms:" + shardSetId + ":" + (encryption.context() == null ? ""
                    : encryption.context());
            default -> "sse-c:" + shardSetId;
        };
    }
}
