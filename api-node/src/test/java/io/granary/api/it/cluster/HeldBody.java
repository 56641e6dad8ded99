package io.granary.api.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A request body that stops after {@code holdAt} bytes until the test releases it, so an upload is
 * certainly in flight when the test kills a node, instead of that depending on timing. It serves a
 * {@link SeededObject}'s bytes; the SDK may open it only once (no retries).
 */
final class HeldBody extends InputStream {
    private static final long MAX_HOLD_SECONDS = 120;

    private final InputStream source;
    private final long holdAt;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private long served;
    private boolean opened;

    HeldBody(SeededObject object, long holdAt) throws IOException {
        this.source = Files.newInputStream(object.file());
        this.holdAt = holdAt;
    }

    /** The SDK request body over this stream, of the object's full length. */
    RequestBody requestBody(long length) {
        return RequestBody.fromContentProvider(() -> {
            if (opened) throw new IllegalStateException("the held body was opened twice");
            opened = true;
            return this;
        }, length, "application/octet-stream");
    }

    /** Waits until the upload has sent {@code holdAt} bytes and is held there. */
    void awaitHeld() throws InterruptedException {
        if (!reached.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the held upload never reached byte " + holdAt);
        }
    }

    /** Lets the upload send the rest. */
    void release() {
        released.countDown();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (served == holdAt) hold();
        int allowed = served < holdAt ? (int) Math.min(length, holdAt - served) : length;
        int n = source.read(buffer, offset, allowed);
        if (n > 0) served += n;
        return n;
    }

    private void hold() throws IOException {
        reached.countDown();
        try {
            if (!released.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS)) throw new IOException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while held", e);
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
