package io.granary.metadata.store;

import io.granary.metadata.model.VersionRecord;
import java.util.List;

/**
 * One page of ListObjectVersions: versions in S3 order (keys ascending, each key's newest first), the
 * common prefixes, and where the next page starts ({@code nextVersionIdMarker} is null when the page ended on a
 * common prefix).
 */
public record VersionPage(List<Entry> versions, List<String> commonPrefixes, boolean truncated,
                          String nextKeyMarker, String nextVersionIdMarker) {

    /** One version and whether it is the key's latest. */
    public record Entry(VersionRecord version, boolean latest) {
    }

    public VersionPage {
        versions = List.copyOf(versions);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
