package io.granary.bench.metadata;

import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.ContentHeaders;
import io.granary.metadata.model.ObjectLayout;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartLayout;
import io.granary.metadata.store.ListPage;
import io.granary.metadata.store.ListQuery;
import io.granary.metadata.store.PutCondition;
import io.granary.metadata.store.VersionPage;
import io.granary.metadata.store.VersionQuery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Load tool for the metadata store (issue 4 targets): synced object commits per second from 1
 * , 8 and 16 writers, a 1000-key page from a 1,000,000-key bucket, a delimiter page over 100,000
 * keys under 100 prefixes, warm point-lookup latency, and a ListObjectVersions page of 1000 out of KEYS versions
 * (KEYS / 10 keys of 10 versions each, issue 16). Usage:
 * {@code java -cp bench/target/benchmarks.jar io.granary.bench.metadata.MetadataBench DIR [SECONDS] [KEYS]
 * [all|commits|listing|versions]}; {@code -Dwriters=1,4,8} chooses the writer counts of the commit rows.
 * The listing data is loaded once into DIR/listing with unsynced writes and reused by later runs.
 */
public final class MetadataBench {

    private static final List<String> NODES = List.of("dn1", "dn2", "dn3", "dn4", "dn5", "dn6");
    private static final int VERSIONS_PER_KEY = 10;
    /** Writer counts of the commit measurement: {@code -Dwriters=1,4,8} (default 1, 8 and 16). */
    private static final int[] WRITERS = Arrays.stream(System.getProperty("writers", "1,8,16").split(","))
            .mapToInt(Integer::parseInt).toArray();

    private MetadataBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/metadata-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        String only = args.length > 3 ? args[3] : "all";
        if (only.equals("all") || only.equals("listing")) listing(dir.resolve("listing-" + keys), keys, seconds);
        if (only.equals("all") || only.equals("versions")) {
            versionListing(dir.resolve("versions-" + keys), keys, seconds);
        }
        if (only.equals("listing") || only.equals("versions")) return;
        // -Dbaseline=false leaves it out, so a syscall count of the run (strace -c) is the commits' own.
        if (Boolean.parseBoolean(System.getProperty("baseline", "true"))) fsyncBaseline(dir, seconds);
        Path commitDir = dir.resolve("commits-" + System.nanoTime());
        try {
            commits(commitDir, seconds);
        } finally {
            delete(commitDir);
        }
    }

    static ObjectRecord record(String key) {
        PartLayout part = new PartLayout(1, 4096, "d41d8cd98f00b204e9800998ecf8427e", "ss-" + key.hashCode() + "-"
                + System.nanoTime(), NODES);
        return new ObjectRecord(key, ObjectRecord.NULL_VERSION, 4096, part.etag(),
                new ContentHeaders("application/octet-stream", null, null, null, null, null), Map.of("owner", "bench"),
                Map.of(), List.of(), System.currentTimeMillis(), new ObjectLayout(4, 2, 1 << 20, List.of(part)));
    }

    private static void commits(Path dir, int seconds) throws Exception {
        try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults())) {
            store.buckets().create("commits", "bench", "us-east-1");
            for (int writers : WRITERS) {
                long done = runFor(seconds, writers, w -> new Runnable() {
                    private int next;

                    @Override
                    public void run() {
                        store.objects().put("commits", record("w" + writers + "/" + w + "/" + next++),
                                PutCondition.none(), List.of());
                    }
                });
                System.out.printf("synced object commits, %2d writer(s): %,10.0f /s%n", writers,
                        done / (double) seconds);
            }
        }
    }

    /**
     * The disk's own rate of 4 KiB write + fdatasync, the ceiling of a single synced writer:
     * appending (as a fresh RocksDB WAL does, so the file size changes every time) and
     * overwriting a preallocated region (no metadata to journal).
     */
    private static void fsyncBaseline(Path dir, int seconds) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("fsync-probe");
        ByteBuffer block = ByteBuffer.allocate(4096);
        int slots = 1024;
        for (boolean append : new boolean[] {true, false}) {
            long count = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                if (!append) {
                    for (int i = 0; i < slots; i++) channel.write(block.clear(), (long) i * block.capacity());
                    channel.force(true);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < deadline) {
                    long position = append ? count * block.capacity() : (count % slots) * block.capacity();
                    channel.write(block.clear(), position);
                    channel.force(false);
                    count++;
                }
            } finally {
                Files.deleteIfExists(file);
            }
            System.out.printf("raw 4 KiB %-9s + fdatasync (disk):     %,10.0f /s%n", append ? "append" : "overwrite",
                    count / (double) seconds);
        }
    }

    /** Runs one action per writer in a loop for {@code seconds}; returns the total number of runs. */
    private static long runFor(int seconds, int writers, IntFunction<Runnable> actions) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Runnable action = actions.apply(w);
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    action.run();
                    n++;
                }
                return n;
            }));
        }
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) total += count.get();
        pool.shutdown();
        return total;
    }

    private static void listing(Path dir, int keys, int seconds) throws Exception {
        Path loaded = dir.resolve("LOADED");
        if (!Files.exists(loaded)) {
            delete(dir);
            try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults().withSyncWrites(false))) {
                long start = System.nanoTime();
                load(store, keys);
                System.out.printf("loaded %,d + 100,000 keys unsynced in %.1f s%n", keys,
                        (System.nanoTime() - start) / 1e9);
            }
            Files.createFile(loaded);
        }
        // A 1M-object bucket is ~450 MB of uncompressed blocks: size the cache to hold it, as production would.
        try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults().withBlockCacheBytes(1L << 30))) {
            report("1000-key page of " + keys + " keys", sample(seconds, () -> {
                String marker = flatKey(ThreadLocalRandom.current().nextInt(keys));
                ListPage page = store.objects().list("flat", ListQuery.v1("", null, marker, 1000));
                if (page.objects().isEmpty()) throw new IllegalStateException("empty page");
            }));
            report("delimiter page, 100 prefixes x 1000 keys", sample(seconds, () -> {
                ListPage page = store.objects().list("tree", ListQuery.v1("", "/", null, 1000));
                if (page.commonPrefixes().size() != 100) throw new IllegalStateException(page.commonPrefixes().size()
                        + " prefixes");
            }));
            report("point lookup (warm)", sample(seconds, () ->
                    store.objects().get("flat", flatKey(ThreadLocalRandom.current().nextInt(keys)))));
        }
    }

    /** ListObjectVersions pages over {@code versions} versions: 10 of each of {@code versions / 10} keys. */
    private static void versionListing(Path dir, int versions, int seconds) throws Exception {
        int keys = versions / VERSIONS_PER_KEY;
        Path loaded = dir.resolve("LOADED");
        if (!Files.exists(loaded)) {
            delete(dir);
            try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults().withSyncWrites(false))) {
                long start = System.nanoTime();
                store.buckets().create("versioned", "bench", "us-east-1");
                store.buckets().update("versioned", b -> b.withVersioning(BucketRecord.VERSIONING_ENABLED));
                inParallel(2, (from, step) -> {
                    for (int v = 0; v < VERSIONS_PER_KEY; v++) {
                        for (int i = from; i < keys; i += step) {
                            store.objects().put("versioned", record(flatKey(i)), PutCondition.none(), List.of());
                        }
                    }
                });
                System.out.printf("loaded %,d versions of %,d keys unsynced in %.1f s%n", versions, keys,
                        (System.nanoTime() - start) / 1e9);
            }
            Files.createFile(loaded);
        }
        try (MetadataStore store = MetadataStore.open(dir, MetadataOptions.defaults().withBlockCacheBytes(1L << 30))) {
            report("ListObjectVersions page of 1000 of " + versions, sample(seconds, () -> {
                String marker = flatKey(ThreadLocalRandom.current().nextInt(keys));
                VersionPage page = store.objects().listVersions("versioned", new VersionQuery("", null, marker, null,
                        1000));
                if (page.versions().size() != 1000 && page.truncated()) throw new IllegalStateException("short page");
            }));
            String[] next = {null, null};
            report("ListObjectVersions next page (version-id-marker)", sample(seconds, () -> {
                VersionPage page = store.objects().listVersions("versioned", new VersionQuery("", null, next[0],
                        next[1], 1000));
                boolean more = page.truncated();
                next[0] = more ? page.nextKeyMarker() : null;
                next[1] = more ? page.nextVersionIdMarker() : null;
            }));
        }
    }

    private static String flatKey(int i) {
        return String.format("data/%08d.bin", i);
    }

    private static void load(MetadataStore store, int keys) throws Exception {
        store.buckets().create("flat", "bench", "us-east-1");
        store.buckets().create("tree", "bench", "us-east-1");
        inParallel(2, (from, step) -> {
            for (int i = from; i < keys; i += step) {
                store.objects().put("flat", record(flatKey(i)), PutCondition.none(), List.of());
            }
            for (int i = from; i < 100_000; i += step) {
                String key = String.format("p%03d/%06d", i % 100, i);
                store.objects().put("tree", record(key), PutCondition.none(), List.of());
            }
        });
    }

    /** One share of a load: every {@code step}-th item from {@code from}. */
    private interface Share {
        void load(int from, int step);
    }

    private static void inParallel(int threads, Share share) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = t;
            parts.add(pool.submit(() -> {
                share.load(from, threads);
                return null;
            }));
        }
        for (Future<?> part : parts) part.get();
        pool.shutdown();
    }

    /** Latencies in nanoseconds of repeated runs for {@code seconds}, after as long again of JIT warm-up. */
    private static long[] sample(int seconds, Runnable action) {
        long phase = TimeUnit.SECONDS.toNanos(seconds);
        long warmUntil = System.nanoTime() + phase;
        while (System.nanoTime() < warmUntil) action.run();
        long deadline = System.nanoTime() + phase;
        long[] samples = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            action.run();
            if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
            samples[n++] = System.nanoTime() - start;
        }
        long[] taken = Arrays.copyOf(samples, n);
        Arrays.sort(taken);
        return taken;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf("%-45s n=%,9d p50=%,9.1f us p99=%,9.1f us max=%,10.1f us%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }

    /** Removes a benchmark directory tree. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }
}
