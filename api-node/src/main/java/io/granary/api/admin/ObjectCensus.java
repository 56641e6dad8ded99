package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.QueuedTask;
import io.granary.metadata.store.ScanPage;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Counts the objects (every object version and parts of open uploads; older versions also on their own) and
 * those degraded: with a shard on a
 * node that is not online, or with a shard set waiting in the heal queue. Scans the metadata a page at a
 * time on the metadata pool, so a large store neither blocks an event loop nor holds one worker for long.
 */
final class ObjectCensus {
    static final int PAGE = 1000;

    private final AsyncMetadata metadata;

    /** What the census found. */
    record Counts(long total, long degraded, long noncurrent) {
    }

    ObjectCensus(AsyncMetadata metadata) {
        this.metadata = metadata;
    }

    /** Counts with {@code online} as the nodes currently serving shards. */
    Future<Counts> count(Set<String> online) {
        return queuedShardSets(new HashSet<>(), 0).compose(queued -> {
            Tally tally = new Tally(new HashSet<>(online), queued);
            return scan((store, cursor) -> store.objects().scan(cursor, PAGE), e -> {
                if (!e.current()) tally.noncurrent++;
                return e.object().layout().parts();
            }, tally, null)
                    .compose(v -> scan((store, cursor) -> store.multipart().scanParts(cursor, PAGE),
                            e -> List.of(e.part().layout()), tally, null))
                    .map(v -> new Counts(tally.total, tally.degraded, tally.noncurrent));
        });
    }

    private Future<Set<String>> queuedShardSets(Set<String> into, long after) {
        return metadata.call(store -> store.healQueue().peek(after, PAGE)).compose(page -> {
            for (QueuedTask<HealTask> task : page) into.add(task.task().shardSetId());
            return page.size() < PAGE ? Future.succeededFuture(into)
                    : queuedShardSets(into, page.get(page.size() - 1).id());
        });
    }

    private <T> Future<Void> scan(BiFunction<MetadataStore, String, ScanPage<T>> pages,
            Function<T, List<PartLayout>> parts, Tally tally, String cursor) {
        return metadata.call(store -> {
            ScanPage<T> page = pages.apply(store, cursor);
            for (T item : page.items()) tally.add(parts.apply(item));
            return page;
        }).compose(page -> page.nextCursor() == null ? Future.succeededFuture()
                : scan(pages, parts, tally, page.nextCursor()));
    }

    /** Running counts; pages are counted one after another, each completion ordering the next. */
    private static final class Tally {
        /** A HashSet: layouts may name no node (null) for a shard never written, which is not online. */
        private final Set<String> online;
        private final Set<String> queued;
        private long total;
        private long degraded;
        private long noncurrent;

        Tally(Set<String> online, Set<String> queued) {
            this.online = online;
            this.queued = queued;
        }

        void add(List<PartLayout> parts) {
            total++;
            for (PartLayout part : parts) {
                if (queued.contains(part.shardSetId()) || !online.containsAll(part.nodes())) {
                    degraded++;
                    return;
                }
            }
        }
    }
}
