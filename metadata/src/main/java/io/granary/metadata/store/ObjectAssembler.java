package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.UploadRecord;
import java.util.List;

/**
 * Builds the object record of a completing multipart upload from the upload and the parts the
 * client named, in their order (already validated: ascending, present, matching ETags, sizes).
 * The caller computes the multipart ETag (MD5 of the part MD5s, "-N") and the checksums here.
 * Runs under the key's lock, so it must be quick and must not call back into the store; it may
 * throw a {@link MetadataException} to refuse the complete, which then changes nothing.
 */
@FunctionalInterface
public interface ObjectAssembler {

    ObjectRecord assemble(UploadRecord upload, List<PartRecord> parts);
}
