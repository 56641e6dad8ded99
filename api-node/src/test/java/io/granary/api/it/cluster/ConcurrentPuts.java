package io.granary.api.it.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Single PUTs of many objects at once, {@code threads} at a time, plus one upload whose body is held
 * half-way ({@link HeldBody}) on its own thread, so a test can kill a node while uploads are certainly
 * in flight and then learn which PUTs the cluster acknowledged and how the others failed.
 */
final class ConcurrentPuts implements AutoCloseable {
    private static final long WAIT_SECONDS = 180;

    private final S3Client s3;
    private final String bucket;
    private final ExecutorService pool;
    private final ExecutorService heldThread = Executors.newSingleThreadExecutor();
    private final Semaphore acknowledged = new Semaphore(0);
    private final Map<String, Future<?>> puts = new LinkedHashMap<>();
    private HeldBody held;

    ConcurrentPuts(S3Client s3, String bucket, int threads) {
        this.s3 = s3;
        this.bucket = bucket;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Starts the PUTs of {@code objects}, and of {@code heldObject} held after half its bytes. */
    void start(List<SeededObject> objects, SeededObject heldObject) throws Exception {
        held = new HeldBody(heldObject, heldObject.size() / 2);
        puts.put(heldObject.key(), heldThread.submit(() -> {
            s3.putObject(b -> b.bucket(bucket).key(heldObject.key()), held.requestBody(heldObject.size()));
            acknowledged.release();
            return null;
        }));
        for (SeededObject object : objects) {
            puts.put(object.key(), pool.submit(() -> {
                object.upload(s3, bucket);
                acknowledged.release();
                return null;
            }));
        }
    }

    /** Waits until {@code count} PUTs were acknowledged and the held one is held. */
    void awaitAcknowledgedAndHeld(int count) throws InterruptedException {
        if (!acknowledged.tryAcquire(count, WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fewer than " + count + " PUTs were acknowledged; failures so far: "
                    + failures(false));
        }
        acknowledged.release(count);
        held.awaitHeld();
    }

    HeldBody held() {
        return held;
    }

    /** Waits for every PUT to end; the keys the cluster acknowledged. */
    Set<String> acknowledgedKeys() throws InterruptedException {
        Set<String> ok = new TreeSet<>(puts.keySet());
        ok.removeAll(failures(true).keySet());
        return ok;
    }

    /** The PUTs that failed, by key, with their exceptions; waits for each when {@code wait} is true. */
    Map<String, Throwable> failures(boolean wait) throws InterruptedException {
        Map<String, Throwable> failed = new LinkedHashMap<>();
        for (Map.Entry<String, Future<?>> put : puts.entrySet()) {
            if (!wait && !put.getValue().isDone()) continue;
            try {
                put.getValue().get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed.put(put.getKey(), e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the PUT of " + put.getKey() + " did not end within "
                        + WAIT_SECONDS + " s", e);
            }
        }
        return failed;
    }

    /** Releases a still held body and stops the threads; PUTs still running fail with the client. */
    @Override
    public void close() {
        if (held != null) held.release();
        pool.shutdownNow();
        heldThread.shutdownNow();
    }
}
