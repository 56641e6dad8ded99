package io.granary.metadata.store;

import io.granary.metadata.model.PartRecord;
import java.util.List;

/** One page of ListParts; when {@code truncated}, resume after {@code nextPartNumberMarker}. */
public record PartPage(List<PartRecord> parts, boolean truncated, int nextPartNumberMarker) {

    public PartPage {
        parts = List.copyOf(parts);
    }
}
