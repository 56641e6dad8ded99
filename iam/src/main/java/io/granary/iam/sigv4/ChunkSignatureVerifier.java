package io.granary.iam.sigv4;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * Verifies the signature chain of an aws-chunked body: each chunk's signature signs
 * {@code AWS4-HMAC-SHA256-PAYLOAD\n<timestamp>\n<scope>\n<previous signature>\n<sha256("")>\n<sha256(chunk)>},
 * starting from the request's seed signature, and the trailer signature signs
 * {@code AWS4-HMAC-SHA256-TRAILER\n<timestamp>\n<scope>\n<previous signature>\n<sha256(trailer lines)>}.
 * Reordering, dropping or altering a chunk therefore breaks the chain. Not thread-safe (one per body).
 */
public final class ChunkSignatureVerifier {
    private final Mac mac;
    private final String chunkPrefix;
    private final String trailerPrefix;
    private final String accessKeyId;
    private String previous;

    public ChunkSignatureVerifier(byte[] signingKey, String timestamp, CredentialScope scope, String seedSignature) {
        this.mac = SigV4Signing.newHmacSha256(signingKey);
        String common = "\n" + timestamp + '\n' + scope.scope() + '\n';
        this.chunkPrefix = "AWS4-HMAC-SHA256-PAYLOAD" + common;
        this.trailerPrefix = "AWS4-HMAC-SHA256-TRAILER" + common;
        this.accessKeyId = scope.accessKeyId();
        this.previous = seedSignature;
    }

    /** The chain for an authenticated request, seeded with its signature. */
    public static ChunkSignatureVerifier forRequest(AuthResult.Authenticated auth) {
        return new ChunkSignatureVerifier(auth.signingKey(), auth.timestamp(), auth.scope(), auth.signature());
    }

    /** Checks the next chunk, given the SHA-256 of its data and the signature from its size line. */
    public void verifyChunk(byte[] chunkSha256, String signature) {
        check(chunkPrefix + previous + '\n' + SigV4Signing.EMPTY_SHA256 + '\n' + SigV4Signing.hex(chunkSha256),
                signature);
    }

    /** Checks the trailer signature, given the SHA-256 of the trailer lines ({@code name:value\n} each). */
    public void verifyTrailer(byte[] trailerSha256, String signature) {
        check(trailerPrefix + previous + '\n' + SigV4Signing.hex(trailerSha256), signature);
    }

    private void check(String stringToSign, String signature) {
        String expected = SigV4Signing.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        if (!SigV4Signing.signatureMatches(expected, signature)) {
            throw SignatureCheck.mismatch(accessKeyId, stringToSign, signature, null);
        }
        previous = expected;
    }
}
