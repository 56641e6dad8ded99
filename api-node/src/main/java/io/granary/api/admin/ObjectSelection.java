package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.metadata.store.ObjectEntry;
import io.granary.metadata.store.ScanPage;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The objects a drill reads, in batches: every current object, a scan page at a time, or a uniform
 * random sample of {@code n} drawn by reservoir sampling over one full scan (held as names only, so
 * memory is bounded by {@code n}) and returned in listing order as one batch. Scans run a page per
 * call on the metadata pool. Not thread-safe: one drill drives it, one batch after another.
 */
final class ObjectSelection {
    static final int PAGE = 500;

    private final AsyncMetadata metadata;
    private final int sample;
    private final Random random;
    private String cursor;
    private boolean exhausted;

    /** An object version by name; the drill reads its record when its turn comes. */
    record ObjectRef(String bucket, String key, String versionId) {
        static ObjectRef of(ObjectEntry entry) {
            return new ObjectRef(entry.bucket(), entry.object().key(), entry.object().versionId());
        }
    }

    /** @param sample how many objects to draw, or 0 for every object */
    ObjectSelection(AsyncMetadata metadata, int sample, Random random) {
        this.metadata = metadata;
        this.sample = sample;
        this.random = random;
    }

    boolean exhausted() {
        return exhausted;
    }

    /** The next batch (possibly empty while {@link #exhausted()} is still false). */
    Future<List<ObjectRef>> next() {
        if (sample == 0) {
            return page().map(page -> {
                List<ObjectRef> refs = new ArrayList<>();
                for (ObjectEntry entry : page.items()) refs.add(ObjectRef.of(entry));
                return refs;
            });
        }
        return draw(new ArrayList<>(), 0).map(drawn -> {
            drawn.sort(Comparator.comparing(ObjectRef::bucket).thenComparing(ObjectRef::key));
            return drawn;
        });
    }

    private Future<ScanPage<ObjectEntry>> page() {
        return metadata.call(store -> store.objects().scan(cursor, PAGE)).onSuccess(page -> {
            cursor = page.nextCursor();
            exhausted = cursor == null;
        });
    }

    /** Algorithm R: the i-th object seen replaces a random slot with probability n / (i + 1). */
    private Future<List<ObjectRef>> draw(List<ObjectRef> reservoir, long seen) {
        return page().compose(page -> {
            long count = seen;
            for (ObjectEntry entry : page.items()) {
                ObjectRef ref = ObjectRef.of(entry);
                if (reservoir.size() < sample) {
                    reservoir.add(ref);
                } else {
                    long slot = random.nextLong(count + 1);
                    if (slot < sample) reservoir.set((int) slot, ref);
                }
                count++;
            }
            return exhausted ? Future.succeededFuture(reservoir) : draw(reservoir, count);
        });
    }
}
