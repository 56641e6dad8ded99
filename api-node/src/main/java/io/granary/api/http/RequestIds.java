package io.granary.api.http;

import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request identifiers in AWS's shapes: {@code x-amz-request-id} is 16 upper-case hex characters,
 * {@code x-amz-id-2} an opaque base64 token. They need to be unique enough to find a request in
 * the logs, not secret, so a thread-local random source is enough.
 */
public final class RequestIds {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private RequestIds() {
    }

    public static String requestId() {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        return HEX.formatHex(id);
    }

    public static String hostId() {
        byte[] id = new byte[24];
        ThreadLocalRandom.current().nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }
}
