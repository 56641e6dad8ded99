package io.granary.metadata.store;

import io.granary.metadata.model.UploadRecord;
import java.util.List;

/**
 * One page of ListMultipartUploads. When {@code truncated}, resume with {@code nextKeyMarker}
 * and {@code nextUploadIdMarker} (null when the page ended on a common prefix).
 */
public record UploadPage(List<UploadRecord> uploads, List<String> commonPrefixes, boolean truncated,
                         String nextKeyMarker, String nextUploadIdMarker) {

    public UploadPage {
        uploads = List.copyOf(uploads);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
