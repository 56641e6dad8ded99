package io.granary.datanode;

import io.granary.iam.sigv4.SigV4Signing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies internal (API node to data node) requests with the cluster secret. The signature is
 * HMAC-SHA256, keyed by {@code SigV4Signing.signingKey(secret, yyyyMMdd, "granary", "granary-internal")},
 * over {@code GRANARY1-HMAC-SHA256 \n timestamp \n nonce \n METHOD \n uri-with-query \n content-length \n
 * content-hash}. Shard bodies are {@code UNSIGNED-PAYLOAD}: hashing gigabytes twice would cost more than
 * the transfer, every frame already carries its CRC32C, and the signed content length pins the size; the
 * signature authenticates the caller, TLS would be the answer to a tampering network. Requests more than
 * five minutes off the node's clock are refused; within the window a PUT or DELETE whose signature was
 * already seen is refused as a replay (the random nonce keeps honest retries distinct). The secret is
 * never logged, printed or put into an exception.
 */
public final class ClusterSignature {
    public static final String DATE = "x-granary-date";
    public static final String NONCE = "x-granary-nonce";
    public static final String CONTENT_SHA256 = "x-granary-content-sha256";
    public static final String SIGNATURE = "x-granary-signature";
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    /** The content length of a body of unknown length, sent with {@code Transfer-Encoding: chunked}. */
    public static final long CHUNKED_BODY = -2;
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSignature.class);
    private static final String ALGORITHM = "GRANARY1-HMAC-SHA256";
    private static final String EMPTY_SHA256 = SigV4Signing.sha256Hex(new byte[0]);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int REPLAY_CAPACITY = 200_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String secret;
    private final Clock clock;
    private final ReplayGuard replays = new ReplayGuard(REPLAY_CAPACITY);
    private final Map<String, byte[]> keysByDate = new ConcurrentHashMap<>();

    public ClusterSignature(String secret, Clock clock) {
        if (secret == null || secret.isBlank()) throw new IllegalArgumentException("the cluster secret is empty");
        this.secret = secret;
        this.clock = clock;
    }

    /**
     * Reads the secret (surrounding whitespace trimmed) from {@code file}. Refuses a missing or empty file;
     * warns when group or others may read it.
     */
    public static ClusterSignature fromFile(Path file, Clock clock) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cluster secret file " + file + " does not exist");
        }
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) throw new IllegalArgumentException("cluster secret file " + file + " is empty");
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("cluster secret file {} is readable by group or others; chmod 600 it", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            LOG.debug("cannot check the permissions of {}", file);
        }
        return new ClusterSignature(secret, clock);
    }

    /**
     * The headers to add to a request. {@code contentLength} is the body length, {@link #CHUNKED_BODY}, or
     * -1 without a body; a body is sent as {@code UNSIGNED-PAYLOAD}.
     */
    public Map<String, String> sign(String method, String uri, long contentLength) {
        String timestamp = TIMESTAMP.format(clock.instant());
        String nonce = HexFormat.of().formatHex(randomBytes());
        String contentHash = contentLength == -1 ? EMPTY_SHA256 : UNSIGNED_PAYLOAD;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DATE, timestamp);
        headers.put(NONCE, nonce);
        headers.put(CONTENT_SHA256, contentHash);
        headers.put(SIGNATURE, signature(timestamp, nonce, method, uri, contentLength, contentHash));
        return headers;
    }

    /**
     * Verifies a request's signature, time and (for PUT and DELETE) freshness.
     *
     * @param header looks up a request header by lower-case name, null when absent
     * @param contentLength the request's Content-Length, {@link #CHUNKED_BODY} for a chunked body, or -1
     *     without either
     * @throws ShardStoreException {@code FORBIDDEN} with a reason that never includes secret material;
     *     {@code UNAVAILABLE} if the replay cache is full
     */
    public void verify(String method, String uri, long contentLength, Function<String, String> header) {
        String timestamp = header.apply(DATE);
        String nonce = header.apply(NONCE);
        String contentHash = header.apply(CONTENT_SHA256);
        String presented = header.apply(SIGNATURE);
        if (timestamp == null || nonce == null || contentHash == null || presented == null) {
            throw forbidden("unsigned request");
        }
        Instant time = parseTime(timestamp);
        Instant now = clock.instant();
        if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
            throw forbidden("request time " + timestamp + " is more than " + MAX_SKEW.toMinutes()
                    + " minutes from the node's clock");
        }
        if (nonce.length() != 32 || !(contentHash.equals(EMPTY_SHA256) || contentHash.equals(UNSIGNED_PAYLOAD))) {
            throw forbidden("malformed signature headers");
        }
        String expected = signature(timestamp, nonce, method, uri, contentLength, contentHash);
        if (!SigV4Signing.constantTimeEquals(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII))) {
            throw forbidden("signature mismatch");
        }
        if (method.equals("PUT") || method.equals("DELETE")) {
            long expiry = time.plus(MAX_SKEW).toEpochMilli();
            switch (replays.admit(expected, expiry, now.toEpochMilli())) {
                case REPLAYED -> throw forbidden("replayed request");
                case FULL -> throw new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE,
                        "too many recent requests to guard against replay; retry shortly");
                case FRESH -> LOG.trace("fresh {} {}", method, uri);
                default -> throw new IllegalStateException();
            }
        }
    }

    private String signature(String timestamp, String nonce, String method, String uri, long contentLength,
                             String contentHash) {
        String stringToSign = String.join("\n", ALGORITHM, timestamp, nonce, method, uri,
                contentLength == CHUNKED_BODY ? "chunked" : contentLength < 0 ? "-" : Long.toString(contentLength),
                contentHash);
        if (keysByDate.size() > 4) keysByDate.clear();
        byte[] key = keysByDate.computeIfAbsent(timestamp.substring(0, 8),
                date -> SigV4Signing.signingKey(secret, date, "granary", "granary-internal"));
        return HexFormat.of().formatHex(SigV4Signing.hmacSha256(key, stringToSign));
    }

    private static Instant parseTime(String timestamp) {
        try {
            return TIMESTAMP.parse(timestamp, Instant::from);
        } catch (DateTimeParseException e) {
            throw forbidden("malformed request time");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ShardStoreException forbidden(String reason) {
        return new ShardStoreException(ShardStoreException.Kind.FORBIDDEN, "cluster signature refused: " + reason);
    }

    @Override
    public String toString() {
        return "ClusterSignature[secret hidden]";
    }
}
