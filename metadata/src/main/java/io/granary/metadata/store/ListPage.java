package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;
import java.util.List;

/**
 * One page of a listing, keys and common prefixes each in S3 order. When {@code truncated},
 * {@code nextMarker} is the last entry returned (key or common prefix, as ListObjects v1's
 * NextMarker) and {@code nextContinuationToken} the opaque v2 token; both are null otherwise.
 */
public record ListPage(List<ObjectRecord> objects, List<String> commonPrefixes, boolean truncated,
                       String nextMarker, String nextContinuationToken) {

    public ListPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
