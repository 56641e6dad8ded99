package io.granary.iam.sigv4;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a body against the literal SHA-256 in {@code x-amz-content-sha256} while it streams: every piece is
 * hashed and passed on; {@link #finish()} fails with {@code XAmzContentSHA256Mismatch} if the hash differs.
 */
public final class PayloadHashVerifier implements PayloadDecoder {
    private final String expectedHex;
    private final PayloadSink sink;
    private final MessageDigest digest = SigV4Signing.sha256();
    private long length;

    /** {@code expectedHex} is the declared hash (any case); {@code sink} receives the body unchanged. */
    public PayloadHashVerifier(String expectedHex, PayloadSink sink) {
        this.expectedHex = HeaderMap.lower(expectedHex);
        this.sink = sink;
    }

    @Override
    public void feed(ByteBuffer piece) {
        ByteBuffer view = piece.slice();
        length += piece.remaining();
        digest.update(piece);
        sink.accept(view);
    }

    @Override
    public void finish() {
        String computed = SigV4Signing.hex(digest.digest());
        if (!computed.equals(expectedHex)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("ClientComputedContentSHA256", expectedHex);
            details.put("S3ComputedContentSHA256", computed);
            throw new AuthException(AuthException.Reason.X_AMZ_CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", details);
        }
    }

    @Override
    public long payloadLength() {
        return length;
    }
}
