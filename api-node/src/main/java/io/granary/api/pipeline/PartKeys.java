package io.granary.api.pipeline;

import io.granary.api.crypto.BlockCipher;
import io.granary.api.crypto.CustomerKey;
import io.granary.metadata.model.Encryption;
import io.granary.metadata.model.PartLayout;

/**
 * Where the data keys of parts encrypted at rest come from: a fresh key per new part, wrapped under the
 * encryption's key-encryption key, and the key of a stored part unwrapped from its
 * {@link io.granary.metadata.model.Sealing}. The data path never sees what wraps them: the master key, a key
 * store's key or the client's key.
 */
public interface PartKeys {

    /** What a write is to be encrypted with: the encryption its parts record, and the client's key for SSE-C. */
    record Request(Encryption encryption, CustomerKey customerKey) {
    }

    /** A new part's data key: the cipher to seal its blocks with and the key as its record stores it. */
    record PartKey(Encryption encryption, BlockCipher cipher, String wrappedKey) {
    }

    /** A fresh data key for the part written to shard set {@code shardSetId}. */
    PartKey newKey(Request request, String shardSetId);

    /**
     * The cipher of a stored sealed part.
     *
     * @param customerKey the client's key when the part is SSE-C (already checked against the part), else null
     */
    BlockCipher cipher(PartLayout part, CustomerKey customerKey);
}
