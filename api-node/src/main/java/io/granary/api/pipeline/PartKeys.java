package io.granary.api.pipeline;

import io.granary.api.crypto.BlockCipher;
import io.granary.metadata.model.PartLayout;

/**
 * Where the data keys of parts encrypted at rest come from: a fresh key per new part, and the key of a
 * stored part from its {@link io.granary.metadata.model.Sealing}. The only implementation today wraps data
 * keys under the master key (SSE-S3); a KMS or a client's key (SSE-C) fits behind the same two calls.
 */
public interface PartKeys {

    /** A new part's data key: the cipher to seal its blocks with and the key as its record stores it. */
    record PartKey(String algorithm, BlockCipher cipher, String wrappedKey) {
    }

    /** A fresh data key for the part written to shard set {@code shardSetId} with {@code algorithm}. */
    PartKey newKey(String algorithm, String shardSetId);

    /** The cipher of a stored sealed part. */
    BlockCipher cipher(PartLayout part);
}
