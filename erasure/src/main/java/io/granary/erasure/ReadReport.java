package io.granary.erasure;

import java.util.Set;

/**
 * Outcome of a {@link StripeDecoder#read}: bytes delivered, shard indexes whose frames failed their
 * CRC32C in any stripe (to queue for healing), and shard indexes that could not be fetched.
 */
public record ReadReport(long bytes, Set<Integer> corruptShards, Set<Integer> unavailableShards) {
    public ReadReport {
        corruptShards = Set.copyOf(corruptShards);
        unavailableShards = Set.copyOf(unavailableShards);
    }
}
