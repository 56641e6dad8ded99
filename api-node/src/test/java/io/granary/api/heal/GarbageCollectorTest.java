package io.granary.api.heal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.store.UploadQuery;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GarbageCollectorTest {

    @Test
    void abortsOnlyUploadsOlderThanTheCutoff(@TempDir Path dir) {
        try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults())) {
            store.buckets().create("photos", "root", "us-east-1");
            for (int i = 0; i < 3; i++) {
                store.multipart().create("photos", UploadRecord.draft("k" + i, "root", ContentHeaders.none(),
                        Map.of(), Map.of(), null, null));
            }
            long now = System.currentTimeMillis();
            assertEquals(0, GarbageCollector.abortAbandoned(store, now - 60_000));
            assertEquals(3, GarbageCollector.abortAbandoned(store, now + 60_000));
            assertEquals(0, store.multipart().listUploads("photos", new UploadQuery(null, null, null, null, 1000))
                    .uploads().size());
        }
    }
}
