package io.granary.metadata.store;

import java.util.List;

/**
 * One page of a full scan (heal, scrub, orphan GC). {@code nextCursor} is null when the scan is
 * done; otherwise pass it back to continue. Records changed between pages may or may not show.
 */
public record ScanPage<T>(List<T> items, String nextCursor) {

    public ScanPage {
        items = List.copyOf(items);
    }
}
