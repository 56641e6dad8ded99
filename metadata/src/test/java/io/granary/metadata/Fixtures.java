package io.granary.metadata;

import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.UploadRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test records and a store opened with small limits. */
public final class Fixtures {

    public static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5", "n6");

    private Fixtures() {
    }

    /** A store whose minimum part size is 100 bytes, so part-size rules are testable with small numbers. */
    public static MetadataStore open(Path dir) {
        return MetadataStore.open(dir, MetadataOptions.defaults().withBlockCacheBytes(8 << 20).withMinPartSize(100));
    }

    public static PartLayout part(int number, long size, String etag) {
        return new PartLayout(number, size, etag, "ss-" + UUID.randomUUID(), NODES);
    }

    public static ObjectRecord object(String key, String etag) {
        return object(key, etag, List.of(part(1, 10, etag)));
    }

    public static ObjectRecord object(String key, String etag, List<PartLayout> parts) {
        long size = parts.stream().mapToLong(PartLayout::size).sum();
        return new ObjectRecord(key, ObjectRecord.NULL_VERSION, size, etag,
                new ContentHeaders("text/plain", null, null, null, null, null), Map.of("color", "blue"),
                Map.of(), List.of(), 1_700_000_000_000L, new ObjectLayout(4, 2, 1 << 20, parts));
    }

    public static PartRecord partRecord(int number, long size, String etag) {
        return new PartRecord(part(number, size, etag), 4, 2, 1 << 20, List.of(), 1_700_000_000_000L);
    }

    public static UploadRecord draft(String key) {
        return UploadRecord.draft(key, "alice", ContentHeaders.none(), Map.of("m", "1"), Map.of(), null, null);
    }

    /** Assembles the object like the API node would: the parts in order, ETag "&lt;n parts&gt;-N". */
    public static ObjectRecord assemble(UploadRecord upload, List<PartRecord> parts) {
        return object(upload.key(), "multi-" + parts.size(), parts.stream().map(PartRecord::layout).toList());
    }
}
