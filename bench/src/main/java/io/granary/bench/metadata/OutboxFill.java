package io.granary.bench.metadata;

import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.EventOrigin;
import io.granary.metadata.model.Notice;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.PutCondition;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Fills a stopped server's metadata with COUNT object records of bucket BUCKET through the store's own put (so each
 * makes the events of the bucket's notification rules, in its own batch), unsynced: the backlog of pending events
 * {@code bench/webhook-backlog.sh} measures PUT latency under. The records name no real shards (the server is
 * measured on another bucket and never reads them).
 */
@Command(name = "outbox-fill", mixinStandardHelpOptions = true,
        description = "Write COUNT object records (and their webhook events) into a stopped server's metadata.")
public final class OutboxFill implements Callable<Integer> {
    @Option(names = "--meta", required = true, description = "The server's metadata directory (DATA-DIR/meta).")
    private Path meta;

    @Option(names = "--bucket", required = true, description = "A bucket with a notification configuration.")
    private String bucket;

    @Option(names = "--count", defaultValue = "1000000", description = "Records to write (${DEFAULT-VALUE}).")
    private int count;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OutboxFill()).execute(args));
    }

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try (MetadataStore store = MetadataStore.open(meta, MetadataOptions.defaults().withSyncWrites(false))) {
            List<String> nodes = Collections.nCopies(6, "node-1");
            Notice notice = new Notice("ObjectCreated:Put", EventOrigin.request("bench", "127.0.0.1", "fill"));
            for (int i = 0; i < count; i++) {
                String key = "fill/" + i;
                PartLayout part = new PartLayout(1, 1, "\"fill\"", "fill-" + i, nodes);
                ObjectRecord record = new ObjectRecord(key, ObjectRecord.NULL_VERSION, 1, "\"fill\"",
                        ContentHeaders.none(), Map.of(), Map.of(), List.of(), System.currentTimeMillis(),
                        new ObjectLayout(4, 2, 1 << 20, List.of(part)));
                store.objects().put(bucket, record, PutCondition.none(), List.of(), notice);
            }
        }
        System.out.printf("outbox-fill: %d records and their events in %.1f s%n", count,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
