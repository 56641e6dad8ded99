package io.granary.bench.datanode;

import io.granary.datanode.ClusterSignature;
import io.granary.datanode.DataNodeMain;
import io.granary.datanode.IteratorReadStream;
import io.granary.datanode.LocalShardStore;
import io.granary.datanode.RemoteShardStore;
import io.granary.datanode.ShardId;
import io.granary.datanode.ShardStore;
import io.granary.erasure.ChunkFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load tool for one data node over loopback with 1 MiB framed chunks, next to raw baselines on the same
 * disk: {@code dd conv=fsync}, the in-process {@link LocalShardStore} write path, remote shard writes to a
 * data node child JVM (whose CPU time is read from /proc), and remote range reads of the shards just
 * written (page cache). Bounded: {@code --mib} per phase and {@code --max-seconds} per phase.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.granary.bench.datanode.ShardStoreLoad
 *     [--dir DIR] [--mib 1024] [--shard-mib 64] [--concurrency 4] [--max-seconds 60]
 *     [--node-jvm-arg ARG]...</pre>
 */
public final class ShardStoreLoad {
    private static final int PAYLOAD = 1 << 20;
    private static final double MIB = 1 << 20;
    private static final String SECRET = "bench-cluster-secret-" + System.nanoTime();

    private final Path dir;
    private final int totalMib;
    private final int shardMib;
    private final int concurrency;
    private final long maxNanos;
    private final Buffer frame;
    private final List<String> nodeJvmArgs = new ArrayList<>();

    /** {@code dir} is a fresh directory of this run, removed at the end (never the user's directory itself). */
    private ShardStoreLoad(Path dir, int totalMib, int shardMib, int concurrency, int maxSeconds) {
        this.dir = dir;
        this.totalMib = totalMib;
        this.shardMib = shardMib;
        this.concurrency = concurrency;
        this.maxNanos = TimeUnit.SECONDS.toNanos(maxSeconds);
        byte[] payload = new byte[PAYLOAD];
        new Random(1).nextBytes(payload);
        this.frame = Buffer.buffer(ChunkFrame.frame(ByteBuffer.wrap(payload)).array());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("bench-data");
        int mib = 1024;
        int shardMib = 64;
        int concurrency = 4;
        int maxSeconds = 60;
        List<String> nodeJvmArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--mib" -> mib = Integer.parseInt(args[i + 1]);
                case "--shard-mib" -> shardMib = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Integer.parseInt(args[i + 1]);
                case "--node-jvm-arg" -> nodeJvmArgs.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(dir);
        Path runDir = Files.createTempDirectory(dir, "shardstoreload-");
        ShardStoreLoad load = new ShardStoreLoad(runDir, mib, shardMib, concurrency, maxSeconds);
        load.nodeJvmArgs.addAll(nodeJvmArgs);
        load.run();
        System.exit(0);
    }

    private void run() throws Exception {
        double dd = ddBaseline();
        Vertx vertx = Vertx.vertx();
        try {
            LocalShardStore local = await(LocalShardStore.open(vertx, dir.resolve("local"),
                    vertx.createSharedWorkerExecutor("bench-disk", 16)));
            Result localWrite = writeShards(vertx, local);
            report("local store writes", localWrite, dd);
            remotePhases(vertx, dd);
        } finally {
            await(vertx.close());
            deleteTree(dir);
        }
    }

    private void remotePhases(Vertx vertx, double dd) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(nodeJvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DataNodeMain.class.getName(),
                "--data-dir", dir.resolve("remote").toString(), "--listen", "127.0.0.1:0",
                "--cluster-secret-file", secret.toString()));
        Process node = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = awaitListening(node);
            RemoteShardStore remote = new RemoteShardStore(vertx, "127.0.0.1", port,
                    new ClusterSignature(SECRET, Clock.systemUTC()));
            warmUp(vertx, remote);
            double[] cpuBefore = cpuSeconds(node.pid());
            Result write = writeShards(vertx, remote);
            double[] cpu = cpuSeconds(node.pid());
            double user = cpu[0] - cpuBefore[0];
            double system = cpu[1] - cpuBefore[1];
            double gib = write.bytes / MIB / 1024;
            report("remote shard writes", write, dd);
            System.out.printf("server CPU per GiB written: %.2f s (user %.2f s + system %.2f s per GiB)%n",
                    (user + system) / gib, user / gib, system / gib);
            Result read = readShards(remote, write.ids);
            report("remote range reads (page cache)", read, dd);
            remote.close();
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Bytes moved, time taken and the shards involved. */
    private record Result(long bytes, long nanos, List<ShardId> ids) {
        double mibPerSecond() {
            return bytes / MIB / (nanos / 1e9);
        }
    }

    /** Writes and reads a few shards so the node's JIT has compiled the hot paths before measuring. */
    private void warmUp(Vertx vertx, ShardStore store) {
        List<ShardId> ids = shardIds(2 * concurrency);
        readShards(store, writeShards(vertx, store, ids).ids);
        runConcurrently(ids, id -> store.delete(id).map(0L));
    }

    private static List<ShardId> shardIds(int count) {
        List<ShardId> ids = new ArrayList<>();
        String set = ShardId.randomSetId();
        for (int i = 0; i < count; i++) {
            ids.add(ShardId.of(set.substring(0, 24) + String.format("%02d", i / 100), i % 100));
        }
        return ids;
    }

    private Result writeShards(Vertx vertx, ShardStore store) {
        return writeShards(vertx, store, shardIds(Math.max(1, totalMib / shardMib)));
    }

    /** Writes each shard as {@code shardMib} copies of the frame (slices sharing one buffer). */
    private Result writeShards(Vertx vertx, ShardStore store, List<ShardId> ids) {
        long shardLength = (long) shardMib * frame.length();
        return runConcurrently(ids, id -> store.write(id, shardLength, new IteratorReadStream(
                vertx.getOrCreateContext(), Stream.generate(frame::slice).limit(shardMib).iterator()))
                .map(info -> info.length()));
    }

    private Result readShards(ShardStore store, List<ShardId> ids) {
        long shardLength = (long) shardMib * frame.length();
        return runConcurrently(ids, id -> store.read(id, 0, shardLength).compose(ShardStoreLoad::drain));
    }

    /** Runs one operation per id, {@code concurrency} at a time, until done or out of time. */
    private Result runConcurrently(List<ShardId> ids, Function<ShardId, Future<Long>> operation) {
        AtomicLong bytes = new AtomicLong();
        List<ShardId> done = new ArrayList<>();
        long start = System.nanoTime();
        List<Future<Void>> lanes = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        for (int lane = 0; lane < concurrency; lane++) {
            lanes.add(lane(ids, next, operation, bytes, done, start));
        }
        await(Future.all(lanes));
        return new Result(bytes.get(), System.nanoTime() - start, done);
    }

    private Future<Void> lane(List<ShardId> ids, AtomicLong next, Function<ShardId, Future<Long>> operation,
                              AtomicLong bytes, List<ShardId> done, long start) {
        int index = (int) next.getAndIncrement();
        if (index >= ids.size() || System.nanoTime() - start > maxNanos) return Future.succeededFuture();
        ShardId id = ids.get(index);
        return operation.apply(id).compose(moved -> {
            bytes.addAndGet(moved);
            synchronized (done) {
                done.add(id);
            }
            return lane(ids, next, operation, bytes, done, start);
        });
    }

    private static Future<Long> drain(ReadStream<Buffer> stream) {
        Promise<Long> promise = Promise.promise();
        AtomicLong bytes = new AtomicLong();
        stream.exceptionHandler(promise::tryFail);
        stream.endHandler(v -> promise.tryComplete(bytes.get()));
        stream.handler(buffer -> bytes.addAndGet(buffer.length()));
        return promise.future();
    }

    private double ddBaseline() throws IOException, InterruptedException {
        Path target = dir.resolve("dd.bin");
        long start = System.nanoTime();
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + target, "bs=1M", "count=" + totalMib,
                "conv=fsync").redirectErrorStream(true).start();
        String output = new String(dd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (dd.waitFor() != 0) throw new IllegalStateException("dd failed: " + output);
        double seconds = (System.nanoTime() - start) / 1e9;
        Files.deleteIfExists(target);
        double rate = totalMib / seconds;
        System.out.printf("dd bs=1M count=%d conv=fsync: %.0f MiB/s (%.2f s)%n", totalMib, rate, seconds);
        return rate;
    }

    private static void report(String name, Result result, double dd) {
        System.out.printf("%s: %.0f MiB/s (%.0f MiB in %.2f s; %.2fx dd)%n", name, result.mibPerSecond(),
                result.bytes / MIB, result.nanos / 1e9, result.mibPerSecond() / dd);
    }

    private static int awaitListening(Process node) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) return Integer.parseInt(matcher.group(1));
        }
        throw new IllegalStateException("data node exited before listening");
    }

    /** User and system CPU seconds of a process, from /proc/PID/stat (clock ticks of 1/100 s). */
    private static double[] cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new double[] {Long.parseLong(fields[11]) / 100.0, Long.parseLong(fields[12]) / 100.0};
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
