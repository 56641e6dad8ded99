package io.granary.datanode;

import io.granary.iam.sigv4.SigV4Signing;
import io.vertx.core.WorkerExecutor;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One signed internal request and its answer, on either side: the request's signature and the day's key
 * bind the answer's seal and the bodies' MACs to this request alone, so neither a body nor an answer can be
 * moved to another request.
 *
 * <p>The seal ({@value ClusterSignature#RESPONSE_SIGNATURE}) is an HMAC over the request signature, the
 * status, the answering node's id and incarnation, the headers in {@link #COVERED}, and the SHA-256 of the
 * body ({@link #STREAMED} for a range read, whose bytes the {@value ClusterSignature#BODY_MAC} trailer covers
 * under {@link ClusterSignature.Protection#MAC}).
 *
 * @param headers the request headers to send (client side); empty on the node
 */
public record Exchange(String signature, byte[] key, ClusterSignature.Protection protection,
                       Map<String, String> headers) {
    /** Stands for the body hash of a streamed answer. */
    static final String STREAMED = "STREAMED";
    static final List<String> COVERED = List.of(ClusterSignature.NODE_ID, ClusterSignature.INCARNATION,
            ShardHttp.ERROR_KIND, ShardHttp.SHARD_LENGTH, ShardHttp.COMMITTED_MS);
    private static final String RESPONSE = "GRANARY2-RESPONSE";

    /**
     * A MAC over a body of this exchange, computed on {@code executor} (nothing to compute under TLS), for
     * buffers the caller reuses once written ({@code batchBytes} 0) or gathered in batches of that many bytes.
     */
    BodyMac bodyMac(WorkerExecutor executor, int batchBytes) {
        return new BodyMac(key, signature, protection == ClusterSignature.Protection.MAC, executor, batchBytes);
    }

    /** The seal of an answer with {@code status}, the response headers {@code header} and the body's hash. */
    String seal(int status, Function<String, String> header, String bodyHash) {
        StringBuilder text = new StringBuilder(RESPONSE).append('\n').append(signature).append('\n').append(status);
        for (String name : COVERED) {
            String value = header.apply(name);
            text.append('\n').append(value == null ? "-" : value);
        }
        text.append('\n').append(bodyHash);
        return HexFormat.of().formatHex(SigV4Signing.hmacSha256(key, text.toString()));
    }

    /**
     * Checks the seal of an answer.
     *
     * @throws ShardStoreException {@code UNAVAILABLE} when it is missing or wrong: the answer cannot be trusted
     *     to come from the node, so it counts as none
     */
    void checkSeal(int status, Function<String, String> header, String bodyHash, String node) {
        String presented = header.apply(ClusterSignature.RESPONSE_SIGNATURE);
        if (presented == null || !SigV4Signing.signatureMatches(seal(status, header, bodyHash), presented)) {
            throw unauthenticated(node, "answer");
        }
    }

    /** The body hash {@link #seal} covers for a buffered body. */
    static String bodyHash(byte[] body) {
        return SigV4Signing.sha256Hex(body);
    }

    static ShardStoreException unauthenticated(String node, String what) {
        return new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE, "the " + what + " of data node "
                + node + " failed authentication (a tampering network, or a different cluster secret)");
    }

    static boolean tagMatches(byte[] expected, String presentedHex) {
        return presentedHex != null && SigV4Signing.signatureMatches(HexFormat.of().formatHex(expected),
                presentedHex);
    }

    @Override
    public String toString() {
        return "Exchange[" + protection + "]";
    }
}
