package io.granary.api.pipeline;

import io.granary.api.async.Pools;
import io.granary.api.crypto.BlockCipher;
import io.granary.api.crypto.SealedBlocks;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The read side of objects encrypted at rest: the stored blocks a {@link StripeReader} delivers, part after
 * part, become the plaintext range the client asked for. Whole blocks are cut from the stream, decrypted on the
 * codec pool in batches of up to {@link #BATCH_BLOCKS}, several batches at once (in parallel, emitted in order),
 * and trimmed to the range. While {@link #MAX_BATCHES} batches are being decrypted or wait to be emitted the
 * source is paused, so a slow client holds about 2 MiB here besides what the reader holds. A block that does not
 * decrypt ends the stream with {@link io.granary.api.crypto.SealedBlockException}. Event-loop confined, except
 * the decryption.
 */
public final class OpeningStream implements ReadStream<Buffer> {
    static final int BATCH_BLOCKS = 8;
    private static final int MAX_BATCHES = 4;

    /**
     * One part's share: its cipher, the index of the first stored block read and of the part's last block, the
     * stored bytes the reader delivers for it, and the plaintext to keep: {@code skip} bytes dropped from the
     * first block read, then {@code take} bytes.
     */
    public record Part(BlockCipher cipher, long firstBlock, long lastBlock, long storedLength, long skip, long take) {
    }

    private final Pools pools;
    private final ReadStream<Buffer> source;
    private final ArrayDeque<Part> parts;
    private final ArrayDeque<Buffer> received = new ArrayDeque<>();
    private long receivedBytes;
    /** Of the current part: the next block to cut, stored bytes not yet cut, plaintext still to skip and take. */
    private long nextBlock;
    private long storedLeft;
    private long skipLeft;
    private long takeLeft;

    /** Batches in submission order, decrypting or decrypted and not yet emitted. */
    private final ArrayDeque<Future<Buffer>> pending = new ArrayDeque<>();
    private boolean sourcePaused;
    private boolean sourceEnded;
    private boolean paused;
    private boolean done;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    /** @param parts the parts the source delivers stored bytes of, in order (parts it skips left out) */
    public OpeningStream(Pools pools, ReadStream<Buffer> source, List<Part> parts) {
        this.pools = pools;
        this.source = source;
        this.parts = new ArrayDeque<>(parts);
        startPart();
    }

    private void startPart() {
        Part part = parts.peek();
        if (part == null) return;
        nextBlock = part.firstBlock();
        storedLeft = part.storedLength();
        skipLeft = part.skip();
        takeLeft = part.take();
    }

    private void received(Buffer data) {
        if (done) return;
        received.add(data);
        receivedBytes += data.length();
        cut();
    }

    /** Cuts every whole block received into batches for the codec pool. */
    private void cut() {
        while (!done && !parts.isEmpty()) {
            Part part = parts.peek();
            List<ByteBuffer> blocks = new ArrayList<>(BATCH_BLOCKS);
            long bytes = 0;
            while (blocks.size() < BATCH_BLOCKS && bytes < storedLeft) {
                int length = (int) Math.min(SealedBlocks.SEALED_BLOCK, storedLeft - bytes);
                if (length > receivedBytes) break;
                blocks.add(takeBlock(length));
                bytes += length;
            }
            if (blocks.isEmpty()) break;
            submit(part, nextBlock, blocks, bytes);
            nextBlock += blocks.size();
            storedLeft -= bytes;
            if (storedLeft == 0) {
                parts.poll();
                startPart();
            }
        }
        flowControl();
    }

    /**
     * The next stored block: a view of the received bytes when one buffer holds it all (most blocks: the reader's
     * buffers are fresh per stripe and never written again), else a copy joining the buffers it spans.
     */
    private ByteBuffer takeBlock(int length) {
        receivedBytes -= length;
        Buffer head = received.poll();
        if (head.length() >= length) {
            if (head.length() > length) received.push(head.slice(length, head.length()));
            return Buffers.view(head.slice(0, length));
        }
        ByteBuffer joined = ByteBuffer.allocate(length);
        while (true) {
            int n = Math.min(joined.remaining(), head.length());
            joined.put(Buffers.view(head.slice(0, n)));
            if (n < head.length()) received.push(head.slice(n, head.length()));
            if (!joined.hasRemaining()) return joined.flip();
            head = received.poll();
        }
    }

    private void submit(Part part, long firstBlock, List<ByteBuffer> blocks, long sealedBytes) {
        long skip = skipLeft;
        long take = takeLeft;
        long plainBytes = sealedBytes - (long) blocks.size() * SealedBlocks.TAG;
        long kept = Math.max(0, Math.min(take, plainBytes - skip));
        skipLeft = Math.max(0, skip - plainBytes);
        takeLeft -= kept;
        Future<Buffer> opened = pools.codec(() -> {
            ByteBuffer plain = ByteBuffer.allocate((int) plainBytes);
            for (int i = 0; i < blocks.size(); i++) {
                long index = firstBlock + i;
                part.cipher().open(index, index == part.lastBlock(), blocks.get(i), plain);
            }
            int from = (int) Math.min(skip, plainBytes);
            return Buffers.wrap(plain.flip().position(from).limit(from + (int) kept));
        });
        pending.add(opened);
        opened.onComplete(result -> emit());
    }

    /** Emits the decrypted batches at the head of the queue, in order; a failed one ends the stream. */
    private void emit() {
        while (!done && !paused && handler != null && !pending.isEmpty() && pending.peek().isComplete()) {
            Future<Buffer> head = pending.poll();
            if (head.failed()) {
                fail(head.cause());
                return;
            }
            if (head.result().length() > 0) handler.handle(head.result());
        }
        if (!done && sourceEnded && pending.isEmpty()) finish();
        flowControl();
    }

    /** The source runs while the consumer wants bytes and few batches are pending. */
    private void flowControl() {
        if (done) return;
        boolean shouldPause = paused || pending.size() >= MAX_BATCHES;
        if (shouldPause && !sourcePaused) {
            sourcePaused = true;
            source.pause();
        } else if (!shouldPause && sourcePaused) {
            sourcePaused = false;
            source.resume();
        }
    }

    private void finish() {
        if (!parts.isEmpty() || receivedBytes > 0) {
            fail(new IllegalStateException("the stored blocks ended early or ran long (" + receivedBytes
                    + " bytes left over, " + parts.size() + " parts unfinished)"));
            return;
        }
        done = true;
        if (endHandler != null) endHandler.handle(null);
    }

    private void fail(Throwable cause) {
        if (done) return;
        done = true;
        received.clear();
        pending.clear();
        source.handler(null);
        if (exceptionHandler != null) exceptionHandler.handle(cause);
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> value) {
        this.exceptionHandler = value;
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> value) {
        this.handler = value;
        if (value == null) {
            // The consumer went away: stop the source, which releases what it holds.
            if (!done) {
                done = true;
                source.handler(null);
            }
            return this;
        }
        source.exceptionHandler(this::fail);
        source.endHandler(v -> {
            sourceEnded = true;
            emit();
        });
        source.handler(this::received);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        flowControl();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        emit();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return amount > 0 ? resume() : this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> value) {
        this.endHandler = value;
        return this;
    }
}
