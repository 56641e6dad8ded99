package io.granary.iam;

import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * The persistence port of IAM: named records, each a format-version byte and JSON whose kind and version are
 * {@link RecordCodec}'s business. The API node implements it over the {@code iam} column family
 * of the metadata store, so that iam never depends on metadata (CONVENTIONS §1). {@link IamService}
 * reads everything once when it opens and serves every lookup from its in-memory mirror;
 * afterwards it only writes, serialising its own read-modify-write sequences.
 */
public interface IdentityStore {

    /** Every record whose name starts with {@code prefix}, by name. */
    SortedMap<String, byte[]> list(String prefix);

    /** Puts and deletes records as one atomic, durable change. */
    void write(Map<String, byte[]> puts, Collection<String> deletes);
}
