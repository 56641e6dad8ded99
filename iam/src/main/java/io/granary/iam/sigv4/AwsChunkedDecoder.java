package io.granary.iam.sigv4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A push parser for {@code Content-Encoding: aws-chunked} bodies: {@code hex-size[;chunk-signature=sig]\r\n}
 * {@code data\r\n} repeated, a zero-size final chunk, then trailer lines {@code name:value\r\n} (for the trailer
 * modes, with {@code x-amz-trailer-signature} last when signed) and an empty line. Payload bytes are passed to
 * the sink as slices of the input, without copying; signed chunks are checked through a
 * {@link ChunkSignatureVerifier} as each one completes. Memory is bounded: one size or trailer line of at most
 * {@value #MAX_LINE} bytes, and at most two kept trailer values (the declared one and its signature), because
 * any other trailer line is rejected.
 */
public final class AwsChunkedDecoder implements PayloadDecoder {
    public static final int MAX_LINE = 4096;
    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILER_LINE, DONE }

    private final PayloadSink sink;
    private final ChunkSignatureVerifier signatures;
    private final MessageDigest chunkDigest;
    private final long declaredLength;
    private final String trailerName;
    private final boolean signedTrailer;
    private final byte[] line = new byte[MAX_LINE];
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private State state = State.SIZE_LINE;
    private int lineLength;
    private long chunkRemaining;
    private String chunkSignature;
    private long decoded;
    private String trailerSignature;
    private AuthException failure;

    /**
     * @param signatures the chunk signature chain for the signed modes; null for
     *                   {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}
     */
    public AwsChunkedDecoder(PayloadMode.Chunked mode, ChunkSignatureVerifier signatures, PayloadSink sink) {
        boolean signed = !(mode instanceof PayloadMode.UnsignedTrailer);
        if (signed != (signatures != null)) {
            throw new IllegalArgumentException("signed chunk modes need a signature verifier, unsigned ones none");
        }
        this.sink = sink;
        this.signatures = signatures;
        this.chunkDigest = signed ? SigV4Signing.sha256() : null;
        this.declaredLength = mode.decodedContentLength();
        this.trailerName = mode.trailerName();
        this.signedTrailer = mode instanceof PayloadMode.StreamingTrailer;
    }

    @Override
    public void feed(ByteBuffer piece) {
        if (failure != null) throw failure;
        try {
            while (piece.hasRemaining()) step(piece);
        } catch (AuthException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public void finish() {
        if (failure != null) throw failure;
        if (state != State.DONE || decoded != declaredLength) {
            failure = new AuthException(AuthException.Reason.INCOMPLETE_BODY, "You did not provide the number of "
                    + "bytes specified by the x-amz-decoded-content-length HTTP header (" + declaredLength
                    + " declared, " + decoded + " received" + (state == State.DONE ? ")" : ", body truncated)"));
            throw failure;
        }
    }

    @Override
    public long payloadLength() {
        return decoded;
    }

    @Override
    public Map<String, String> trailers() {
        return Collections.unmodifiableMap(trailers);
    }

    private void step(ByteBuffer piece) {
        switch (state) {
            case SIZE_LINE -> {
                if (readLine(piece, AuthException.Reason.INVALID_CHUNK)) sizeLine();
            }
            case DATA -> data(piece);
            case DATA_CR -> expect(piece, '\r', State.DATA_LF);
            case DATA_LF -> expect(piece, '\n', State.SIZE_LINE);
            case TRAILER_LINE -> {
                if (readLine(piece, AuthException.Reason.MALFORMED_TRAILER)) trailerLine();
            }
            case DONE -> throw chunkError("Data found after the final chunk of the aws-chunked body.");
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** Accumulates one CRLF-terminated line; true when it is complete (its bytes, without CRLF, in line). */
    private boolean readLine(ByteBuffer piece, AuthException.Reason reason) {
        while (piece.hasRemaining()) {
            byte b = piece.get();
            if (b == '\n') {
                if (lineLength == 0 || line[lineLength - 1] != '\r') {
                    throw new AuthException(reason, "A line of the aws-chunked body does not end with CRLF.");
                }
                lineLength--;
                return true;
            }
            if (lineLength == MAX_LINE) {
                throw new AuthException(reason, "A line of the aws-chunked body is longer than " + MAX_LINE
                        + " bytes.");
            }
            line[lineLength++] = b;
        }
        return false;
    }

    private void sizeLine() {
        String text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        int semicolon = text.indexOf(';');
        long size = parseSize(semicolon < 0 ? text : text.substring(0, semicolon));
        if (signatures != null) {
            String extension = semicolon < 0 ? "" : text.substring(semicolon + 1);
            if (!extension.startsWith(SIGNATURE_EXTENSION)
                    || !ContentSha256.isSha256Hex(extension.substring(SIGNATURE_EXTENSION.length()))) {
                throw chunkError("The chunk-signature of a chunk is missing or malformed: \"" + text + "\".");
            }
            chunkSignature = extension.substring(SIGNATURE_EXTENSION.length());
            chunkDigest.reset();
        }
        chunkRemaining = size;
        if (size > 0) {
            state = State.DATA;
        } else {
            if (signatures != null) signatures.verifyChunk(chunkDigest.digest(), chunkSignature);
            state = State.TRAILER_LINE;
        }
    }

    private long parseSize(String hex) {
        if (hex.isEmpty() || hex.length() > 16) throw chunkError("Invalid chunk size \"" + hex + "\".");
        long remaining = declaredLength - decoded;
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = UriEncoding.hexValue(hex.charAt(i));
            if (digit < 0) throw chunkError("Invalid chunk size \"" + hex + "\".");
            size = size << 4 | digit;
            if (size > remaining) {
                throw chunkError("The chunk sizes exceed the x-amz-decoded-content-length of " + declaredLength
                        + " bytes.");
            }
        }
        return size;
    }

    private void data(ByteBuffer piece) {
        int n = (int) Math.min(piece.remaining(), chunkRemaining);
        ByteBuffer payload = piece.slice(piece.position(), n);
        if (chunkDigest != null) chunkDigest.update(payload.duplicate());
        piece.position(piece.position() + n);
        chunkRemaining -= n;
        decoded += n;
        sink.accept(payload);
        if (chunkRemaining == 0) {
            if (signatures != null) signatures.verifyChunk(chunkDigest.digest(), chunkSignature);
            state = State.DATA_CR;
        }
    }

    private void expect(ByteBuffer piece, char expected, State next) {
        if (piece.get() != expected) throw chunkError("Chunk data is not followed by CRLF.");
        state = next;
    }

    private void trailerLine() {
        int length = lineLength;
        lineLength = 0;
        if (length == 0) {
            endOfTrailers();
            state = State.DONE;
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon <= 0) throw trailerError("A trailer line is not of the form name:value.");
        String name = HeaderMap.lower(text.substring(0, colon).strip());
        String value = text.substring(colon + 1).strip();
        if (signedTrailer && name.equals(TRAILER_SIGNATURE) && trailerSignature == null) {
            trailerSignature = value;
        } else if (name.equals(trailerName) && trailerSignature == null && !trailers.containsKey(name)) {
            trailers.put(name, value);
        } else {
            throw trailerError("Unexpected trailer \"" + name + "\" (declared: " + trailerName + ").");
        }
    }

    private void endOfTrailers() {
        if (trailerName != null && !trailers.containsKey(trailerName)) {
            throw trailerError("The trailer \"" + trailerName + "\" declared in x-amz-trailer was not sent.");
        }
        if (!signedTrailer) return;
        if (trailerSignature == null) throw trailerError("The x-amz-trailer-signature trailer is missing.");
        MessageDigest digest = SigV4Signing.sha256();
        trailers.forEach((name, value) -> digest.update((name + ':' + value + '\n').getBytes(StandardCharsets.UTF_8)));
        signatures.verifyTrailer(digest.digest(), trailerSignature);
    }

    private static AuthException chunkError(String message) {
        return new AuthException(AuthException.Reason.INVALID_CHUNK, message);
    }

    private static AuthException trailerError(String message) {
        return new AuthException(AuthException.Reason.MALFORMED_TRAILER, "The request contained trailing data that "
                + "was not well-formed or did not conform to our published schema. " + message);
    }
}
