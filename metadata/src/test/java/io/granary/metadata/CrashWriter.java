package io.granary.metadata;

import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartRef;
import io.granary.metadata.store.PutCondition;
import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link CrashIT}: commits state changes in a loop and prints the number of
 * each one after its commit returned. Every commit writes several related records in one
 * batch: an object put writes the object, its shard-index entry and a heal task; a multipart
 * complete writes the object and the completion and removes the upload and its parts.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        MetadataStore store = Fixtures.open(Path.of(args[0]));
        int first = Integer.parseInt(args[1]);
        if (store.buckets().find("crash").isEmpty()) store.buckets().create("crash", "alice", "us-east-1");
        for (int i = first; ; i++) {
            if (i % 3 == 0) {
                String id = store.multipart().create("crash", Fixtures.draft("m" + i)).uploadId();
                store.multipart().putPart("crash", "m" + i, id, Fixtures.partRecord(1, 10, "p"), List.of());
                store.multipart().complete("crash", "m" + i, id, List.of(new PartRef(1, "p")), Fixtures::assemble);
            } else {
                ObjectRecord record = Fixtures.object("k" + i, "e" + i);
                String set = record.layout().parts().get(0).shardSetId();
                HealTask heal = new HealTask("crash", "k" + i, null, 1, set, 0, "n1", HealReason.WRITE_FAILED, i);
                store.objects().put("crash", record, PutCondition.none(), List.of(heal));
            }
            System.out.println(i);
            System.out.flush();
        }
    }
}
