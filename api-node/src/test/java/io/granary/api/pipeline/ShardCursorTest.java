package io.granary.api.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * {@link ShardCursor} over a stream the test drives by hand, for the orders of events a dying data node
 * produces: a failure with half a frame queued, then bytes the connection had buffered arriving late.
 */
class ShardCursorTest {
    private static final int FRAME = 10;

    @Test
    void framesAfterAFailedFrameFailEvenWhenLateBytesArrive() {
        DrivenStream stream = new DrivenStream();
        ShardCursor cursor = new ShardCursor(stream, 4L * FRAME);
        stream.push(bytes(0, FRAME + 4));
        assertArrayEquals(bytes(0, FRAME), array(cursor.next(FRAME)));
        stream.fail(new IllegalStateException("Connection was closed"));
        assertTrue(cursor.next(FRAME).failed(), "the frame cut by the failure");
        stream.push(bytes(FRAME + 4, 3 * FRAME));
        Future<ByteBuffer> late = cursor.next(FRAME);
        assertTrue(late.failed(), "a later frame must not be served from misaligned late bytes");
        assertTrue(cursor.next(FRAME).failed(), "nor any after it");
    }

    @Test
    void framesQueuedBeforeAFailureAreServedInOrder() {
        DrivenStream stream = new DrivenStream();
        ShardCursor cursor = new ShardCursor(stream, 4L * FRAME);
        stream.push(bytes(0, 2 * FRAME));
        stream.fail(new IllegalStateException("Connection was closed"));
        assertArrayEquals(bytes(0, FRAME), array(cursor.next(FRAME)));
        assertArrayEquals(bytes(FRAME, FRAME), array(cursor.next(FRAME)));
        assertTrue(cursor.next(FRAME).failed());
    }

    @Test
    void aStreamEndingInsideAFrameFailsThatFrameAndEveryLaterOne() {
        DrivenStream stream = new DrivenStream();
        ShardCursor cursor = new ShardCursor(stream, 4L * FRAME);
        stream.push(bytes(0, FRAME / 2));
        stream.end();
        assertTrue(cursor.next(FRAME).failed());
        assertTrue(cursor.next(FRAME / 2).failed(), "the half frame left over is not a frame");
    }

    @Test
    void framesAskedForAheadOfTheBytesAreServedInOrderAsTheyArrive() {
        DrivenStream stream = new DrivenStream();
        ShardCursor cursor = new ShardCursor(stream, 4L * FRAME);
        Future<ByteBuffer> first = cursor.next(FRAME);
        Future<ByteBuffer> second = cursor.next(FRAME);
        Future<ByteBuffer> third = cursor.next(FRAME / 2);
        stream.push(bytes(0, FRAME + 3));
        assertArrayEquals(bytes(0, FRAME), array(first));
        assertTrue(!second.isComplete() && !third.isComplete(), "the second frame is not all there yet");
        stream.push(bytes(FRAME + 3, FRAME + FRAME / 2 - 3));
        assertArrayEquals(bytes(FRAME, FRAME), array(second));
        assertArrayEquals(bytes(2 * FRAME, FRAME / 2), array(third));
    }

    @Test
    void aFailureFailsEveryFrameAskedForAhead() {
        DrivenStream stream = new DrivenStream();
        ShardCursor cursor = new ShardCursor(stream, 4L * FRAME);
        Future<ByteBuffer> first = cursor.next(FRAME);
        Future<ByteBuffer> second = cursor.next(FRAME);
        stream.push(bytes(0, FRAME / 2));
        stream.fail(new IllegalStateException("Connection was closed"));
        assertTrue(first.failed() && second.failed());
    }

    @Test
    void closingFailsTheFramesStillAskedForAndCountsNothingHeld() {
        DrivenStream stream = new DrivenStream();
        long[] held = {0};
        ShardCursor cursor = new ShardCursor(Future.succeededFuture(stream), 4L * FRAME, bytes -> held[0] += bytes);
        stream.push(bytes(0, FRAME + FRAME / 2));
        assertArrayEquals(bytes(0, FRAME), array(cursor.next(FRAME)));
        Future<ByteBuffer> pending = cursor.next(FRAME);
        assertEquals(FRAME + FRAME / 2, held[0], "the frame handed out stays counted until its owner lets go");
        cursor.close();
        assertTrue(pending.failed(), "a frame asked for is failed, not left waiting");
        assertEquals(FRAME, held[0], "the queued half frame is no longer held");
    }

    /** Bytes {@code from, from+1, ...} ({@code length} of them), so a misaligned slice is visible. */
    private static byte[] bytes(int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }

    private static byte[] array(Future<ByteBuffer> frame) {
        assertTrue(frame.succeeded(), () -> "frame failed: " + frame.cause());
        ByteBuffer buffer = frame.result().duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** A byte stream whose events the test fires directly, on its own thread (the cursor is confined to it). */
    private static final class DrivenStream implements ReadStream<Buffer> {
        private Handler<Buffer> handler;
        private Handler<Throwable> exceptionHandler;
        private Handler<Void> endHandler;

        void push(byte[] data) {
            if (handler != null) handler.handle(Buffer.buffer(data));
        }

        void fail(Throwable cause) {
            if (exceptionHandler != null) exceptionHandler.handle(cause);
        }

        void end() {
            if (endHandler != null) endHandler.handle(null);
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> value) {
            exceptionHandler = value;
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> value) {
            handler = value;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> value) {
            endHandler = value;
            return this;
        }
    }
}
