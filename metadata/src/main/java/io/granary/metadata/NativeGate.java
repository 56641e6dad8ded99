package io.granary.metadata;

import io.granary.metadata.store.MetadataException;
import io.granary.metadata.store.MetadataException.Reason;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls inside RocksDB so that {@link MetadataStore#close()} frees the native handles
 * only once none is running: a call that reached a freed column family handle would crash the
 * JVM (a late heal-queue append on a worker thread did, after a test server stopped). Calls that
 * start after close are refused with STORAGE_ERROR.
 */
final class NativeGate {

    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean open = true;

    /** Admits one native call; pair with {@link #exit()} in a finally block. */
    void enter() {
        // Increment before reading open, and close sets open before reading the count: one of the
        // two always sees the other, so no call slips in after close found the count at zero.
        inFlight.incrementAndGet();
        if (!open) {
            exit();
            throw new MetadataException(Reason.STORAGE_ERROR, "the metadata store is closed");
        }
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && !open) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /**
     * Refuses new calls and waits for the running ones.
     *
     * @return false if this gate was already closed
     * @throws MetadataException STORAGE_ERROR if calls are still running after {@code timeoutMillis}
     *     (the natives must then stay allocated: freeing them under a running call crashes the JVM)
     */
    boolean close(long timeoutMillis) {
        synchronized (this) {
            if (!open) return false;
            open = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            try {
                long left;
                while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int running = inFlight.get();
            if (running > 0) {
                throw new MetadataException(Reason.STORAGE_ERROR, running
                        + " metadata calls (or open cursors) still running at close; native handles left allocated");
            }
            return true;
        }
    }
}
