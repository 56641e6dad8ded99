package io.granary.erasure;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An object encoded through a real {@link StripeEncoder} into in-memory shard files, with a
 * {@link FrameSource} over them that can lose or corrupt shards, as a data node would.
 */
final class StoredObject {
    final StripeLayout layout;
    final ReedSolomon codec;
    final byte[] content;
    final byte[][] shardFiles;

    private StoredObject(ReedSolomon codec, StripeLayout layout, byte[] content, byte[][] shardFiles) {
        this.codec = codec;
        this.layout = layout;
        this.content = content;
        this.shardFiles = shardFiles;
    }

    /** Encodes {@code content} fed in pieces of random size up to {@code maxPiece}, alternating buffer kinds. */
    static StoredObject encode(ReedSolomon codec, StripeLayout layout, byte[] content, int maxPiece, long seed) {
        ByteArrayOutputStream[] files = new ByteArrayOutputStream[layout.totalShards()];
        for (int i = 0; i < files.length; i++) {
            files[i] = new ByteArrayOutputStream();
        }
        List<Long> order = new ArrayList<>();
        StripeEncoder encoder = new StripeEncoder(codec, layout, stripe -> {
            order.add(stripe.index());
            for (int i = 0; i < files.length; i++) {
                ByteBuffer frame = stripe.frame(i);
                byte[] bytes = new byte[frame.remaining()];
                frame.get(bytes);
                files[i].writeBytes(bytes);
            }
            stripe.release();
        });
        SplittableRandom random = new SplittableRandom(seed);
        for (int at = 0, piece = 0; at < content.length; piece++) {
            int n = Math.min(content.length - at, 1 + random.nextInt(maxPiece));
            switch (piece % 3) {
                case 0 -> encoder.write(content, at, n);
                case 1 -> encoder.write(ByteBuffer.wrap(content, at, n));
                default -> encoder.write(ByteBuffer.allocateDirect(n + 5).position(5).put(content, at, n)
                        .flip().position(5));
            }
            at += n;
        }
        encoder.finish();
        for (int s = 0; s < order.size(); s++) {
            if (order.get(s) != s) throw new AssertionError("stripes emitted out of order: " + order);
        }
        byte[][] shardFiles = new byte[files.length][];
        for (int i = 0; i < files.length; i++) {
            shardFiles[i] = files[i].toByteArray();
        }
        return new StoredObject(codec, layout, content, shardFiles);
    }

    static byte[] randomContent(int size, long seed) {
        byte[] content = new byte[size];
        new SplittableRandom(seed).nextBytes(content);
        return content;
    }

    /** Frames straight from the shard files; shards in {@code lost} answer null. */
    FrameSource source(int... lost) {
        return (shard, stripe) -> {
            for (int l : lost) {
                if (l == shard) return null;
            }
            int offset = (int) layout.frameOffset(stripe);
            return ByteBuffer.wrap(shardFiles[shard], offset, layout.frameLength(content.length, stripe)).slice();
        };
    }

    /** Reads bytes first..last through a {@link StripeDecoder}, checking the report's byte count. */
    Read read(long first, long last, FrameSource source) throws TooFewShardsException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReadReport report = new StripeDecoder(codec, layout, content.length).read(first, last, source, piece -> {
            byte[] bytes = new byte[piece.remaining()];
            piece.get(bytes);
            out.writeBytes(bytes);
        });
        if (report.bytes() != out.size()) throw new AssertionError("report counts " + report.bytes());
        return new Read(out.toByteArray(), report);
    }

    record Read(byte[] bytes, ReadReport report) {
    }
}
