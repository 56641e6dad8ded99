package io.granary.api.crypto;

import io.granary.api.pipeline.PartKeys;
import io.granary.iam.DataKeyWrapper;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.Sealing;

/**
 * SSE-S3: every part gets its own random data key, stored wrapped under the master key and bound to the
 * part's shard set, so the data nodes only ever hold ciphertext and the metadata only wrapped keys.
 */
public final class MasterKeyPartKeys implements PartKeys {
    private final DataKeyWrapper wrapper;

    public MasterKeyPartKeys(DataKeyWrapper wrapper) {
        this.wrapper = wrapper;
    }

    @Override
    public PartKey newKey(String algorithm, String shardSetId) {
        if (!Sealing.AES256.equals(algorithm)) throw new IllegalArgumentException("unsupported " + algorithm);
        byte[] key = DataKeyWrapper.newDataKey();
        return new PartKey(algorithm, new BlockCipher(key), wrapper.wrap(key, context(shardSetId)));
    }

    @Override
    public BlockCipher cipher(PartLayout part) {
        return new BlockCipher(wrapper.unwrap(part.sealing().wrappedKey(), context(part.shardSetId())));
    }

    private static String context(String shardSetId) {
        return "sse-s3:" + shardSetId;
    }
}
