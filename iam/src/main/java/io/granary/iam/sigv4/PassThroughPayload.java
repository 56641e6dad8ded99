package io.granary.iam.sigv4;

import java.nio.ByteBuffer;

/** The body of an unsigned payload: passed through untouched, only counted. */
final class PassThroughPayload implements PayloadDecoder {
    private final PayloadSink sink;
    private long length;

    PassThroughPayload(PayloadSink sink) {
        this.sink = sink;
    }

    @Override
    public void feed(ByteBuffer piece) {
        length += piece.remaining();
        sink.accept(piece.slice());
        piece.position(piece.limit());
    }

    @Override
    public void finish() {
    }

    @Override
    public long payloadLength() {
        return length;
    }
}
