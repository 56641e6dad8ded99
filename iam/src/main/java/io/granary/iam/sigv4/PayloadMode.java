package io.granary.iam.sigv4;

/**
 * How the request body is protected, as declared by {@code x-amz-content-sha256} (or implied by a presigned
 * URL), and therefore what the body processor must check. The chunked modes carry everything the
 * {@link AwsChunkedDecoder} needs besides the signing key: the seed signature that starts the chunk signature
 * chain, the declared trailer and the {@code x-amz-decoded-content-length}.
 */
public sealed interface PayloadMode {
    String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    String STREAMING_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    String STREAMING_PAYLOAD_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /**
     * The body checks of a request whose signature does not cover a seed for signed chunks (anonymous, Signature
     * V2): a literal {@code x-amz-content-sha256} is still verified, unsigned trailers still decoded, and signed
     * streaming is refused.
     */
    static PayloadMode withoutSeed(HeaderMap headers) {
        return ContentSha256.mode(headers.first(ContentSha256.HEADER), null, headers);
    }

    /** {@code UNSIGNED-PAYLOAD}, or a presigned URL: the body is not covered by the signature. */
    record Unsigned() implements PayloadMode {
    }

    /** A literal SHA-256 (lower-case hex) the body must hash to; see {@link PayloadHashVerifier}. */
    record SignedPayload(String sha256Hex) implements PayloadMode {
    }

    /** The body is aws-chunked; how it is decoded and which trailer (lower-case name, or null) it must end with. */
    sealed interface Chunked extends PayloadMode {
        long decodedContentLength();

        String trailerName();
    }

    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: signed chunks, no trailer. */
    record Streaming(String seedSignature, long decodedContentLength) implements Chunked {
        @Override
        public String trailerName() {
            return null;
        }
    }

    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks, then a signed trailer. */
    record StreamingTrailer(String seedSignature, String trailerName, long decodedContentLength)
            implements Chunked {
    }

    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: unsigned chunks, then an unsigned (checksum) trailer. */
    record UnsignedTrailer(String trailerName, long decodedContentLength) implements Chunked {
    }
}
