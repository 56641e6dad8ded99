package io.granary.iam.sigv4;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Push-style processing of a request body after {@link SigV4Verifier#authenticate}: bytes go in as they come
 * off the socket, in pieces of any size, and the payload goes out to a {@link PayloadSink}. Never blocks, keeps
 * only bounded state, and is not thread-safe (one body, one caller at a time). After an {@link AuthException}
 * the decoder is dead and rethrows it. The body is good only when {@link #finish()} returns normally.
 */
public interface PayloadDecoder {
    /** Consumes every remaining byte of {@code piece} (its position ends at its limit). */
    void feed(ByteBuffer piece);

    /** Called once after the last byte; checks the body is complete and matches what was signed. */
    void finish();

    /** Payload bytes emitted so far (the decoded length for aws-chunked bodies). */
    long payloadLength();

    /** Trailing headers (lower-case name to value), e.g. {@code x-amz-checksum-crc32}; valid after finish. */
    default Map<String, String> trailers() {
        return Map.of();
    }

    /** The decoder the request's payload mode calls for. */
    static PayloadDecoder forRequest(AuthResult auth, PayloadSink sink) {
        PayloadMode mode = auth.payloadMode();
        if (mode instanceof PayloadMode.SignedPayload signed) return new PayloadHashVerifier(signed.sha256Hex(), sink);
        if (mode instanceof PayloadMode.Chunked chunked) {
            ChunkSignatureVerifier signatures = null;
            if (!(mode instanceof PayloadMode.UnsignedTrailer)) {
                if (!(auth instanceof AuthResult.Authenticated authenticated)) {
                    throw new IllegalArgumentException("signed chunks need an authenticated request");
                }
                signatures = ChunkSignatureVerifier.forRequest(authenticated);
            }
            return new AwsChunkedDecoder(chunked, signatures, sink);
        }
        return new PassThroughPayload(sink);
    }
}
