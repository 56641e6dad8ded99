package io.granary.datanode;

import io.granary.iam.sigv4.SigV4Signing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies internal (API node to data node) requests with the cluster secret, and gives each
 * verified request the {@link Exchange} that seals its response and MACs its body. The signature is
 * HMAC-SHA256, keyed by {@code SigV4Signing.signingKey(secret, yyyyMMdd, "granary", "granary-internal")},
 * over {@code GRANARY2-HMAC-SHA256 \n timestamp \n session \n counter \n node-id \n incarnation \n METHOD \n
 * uri-with-query \n shard-length \n protection}: the target node's identity is signed, so a request aimed at
 * one node (or at one run of it) is refused by every other; {@code session} and {@code counter} name the
 * sender process and number its requests for the {@link ReplayGuard}. {@code protection} is {@code MAC} (bodies
 * both ways carry an HMAC over their bytes) or {@code TLS} (the connection protects them; only accepted over
 * TLS). Requests more than five minutes off the node's clock are refused. The secret is never logged, printed
 * or put into an exception.
 */
public final class ClusterSignature {
    public static final String DATE = "x-granary-date";
    public static final String SESSION = "x-granary-session";
    public static final String COUNTER = "x-granary-counter";
    public static final String NODE_ID = "x-granary-node-id";
    public static final String INCARNATION = "x-granary-incarnation";
    public static final String PROTECTION = "x-granary-protection";
    public static final String SIGNATURE = "x-granary-signature";
    /** Response header: the node's seal over the status, identity, covered headers and body. */
    public static final String RESPONSE_SIGNATURE = "x-granary-response-signature";
    /** Response trailer of a streamed body under {@link Protection#MAC}: the body's HMAC. */
    public static final String BODY_MAC = "x-granary-body-mac";
    /** The content length of a body of unknown length, sent with {@code Transfer-Encoding: chunked}. */
    public static final long CHUNKED_BODY = -2;
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSignature.class);
    private static final String ALGORITHM = "GRANARY2-HMAC-SHA256";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** How bodies of a request and its response are protected. */
    public enum Protection { MAC, TLS }

    private final String secret;
    private final Clock clock;
    private final String session = NodeIdentity.randomHex();
    private final AtomicLong counter = new AtomicLong();
    private final ReplayGuard replays = new ReplayGuard(MAX_SKEW.multipliedBy(2).toMillis());
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
     * Signs a request to {@code target}. {@code shardLength} is the shard's length for a PUT (its body is that
     * many bytes and then the {@link BodyMac#TAG_BYTES}-byte tail), {@link #CHUNKED_BODY}, or -1 without a body.
     * Call it when the request's connection is ready, so counters reach the node nearly in order.
     */
    public Exchange sign(String method, String uri, long shardLength, NodeIdentity target, Protection protection) {
        String timestamp = TIMESTAMP.format(clock.instant());
        String count = Long.toString(counter.getAndIncrement());
        byte[] key = key(timestamp);
        String signature = signature(key, timestamp, session, count, target, method, uri, shardLength, protection);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DATE, timestamp);
        headers.put(SESSION, session);
        headers.put(COUNTER, count);
        headers.put(NODE_ID, target.nodeId());
        headers.put(INCARNATION, target.incarnation());
        headers.put(PROTECTION, protection.name());
        headers.put(SIGNATURE, signature);
        return new Exchange(signature, key, protection, headers);
    }

    /**
     * Verifies a request's signature, time, target and freshness.
     *
     * @param header      looks up a request header by lower-case name, null when absent
     * @param shardLength the shard length a PUT declares, {@link #CHUNKED_BODY}, or -1 without a body
     * @param self        this node; {@link NodeIdentity#UNKNOWN} is accepted only where {@code anyTarget}
     * @param tls         whether the request came over TLS ({@link Protection#TLS} is refused otherwise)
     * @throws ShardStoreException {@code FORBIDDEN} with a reason that never includes secret material;
     *     {@code UNAVAILABLE} if the replay guard holds too many senders
     */
    public Exchange verify(String method, String uri, long shardLength, Function<String, String> header,
                           NodeIdentity self, boolean anyTarget, boolean tls) {
        String timestamp = header.apply(DATE);
        String sender = header.apply(SESSION);
        String count = header.apply(COUNTER);
        String nodeId = header.apply(NODE_ID);
        String incarnation = header.apply(INCARNATION);
        String protectionName = header.apply(PROTECTION);
        String presented = header.apply(SIGNATURE);
        if (timestamp == null || sender == null || count == null || nodeId == null || incarnation == null
                || protectionName == null || presented == null) {
            throw forbidden("unsigned request");
        }
        Instant time = parseTime(timestamp);
        Instant now = clock.instant();
        if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
            throw forbidden("request time " + timestamp + " is more than " + MAX_SKEW.toMinutes()
                    + " minutes from the node's clock");
        }
        long number = parseCounter(count);
        Protection protection = parseProtection(protectionName);
        NodeIdentity target = new NodeIdentity(nodeId, incarnation);
        byte[] key = key(timestamp);
        String expected = signature(key, timestamp, sender, count, target, method, uri, shardLength, protection);
        if (!SigV4Signing.signatureMatches(expected, presented)) throw forbidden("signature mismatch");
        if (!target.equals(self) && !(anyTarget && target.equals(NodeIdentity.UNKNOWN))) {
            throw forbidden(target.nodeId().equals(self.nodeId()) ? "request signed for an earlier run of this node"
                    : "request signed for another node");
        }
        if (protection == Protection.TLS && !tls) throw forbidden("TLS protection claimed on a plaintext connection");
        switch (replays.admit(sender, number, time.toEpochMilli(), now.toEpochMilli())) {
            case REPLAYED -> throw forbidden("replayed request");
            case TOO_OLD -> throw forbidden("request counter too far behind the sender's newest");
            case FULL -> throw new ShardStoreException(ShardStoreException.Kind.UNAVAILABLE,
                    "too many senders to guard against replay; retry shortly");
            case FRESH -> LOG.trace("fresh {} {}", method, uri);
            default -> throw new IllegalStateException();
        }
        return new Exchange(expected, key, protection, Map.of());
    }

    /**
     * The exchange to seal the error answer to a request that failed {@link #verify} with, bound to the
     * signature it presented; null when it presented none usable (its sender cannot check the seal then).
     */
    public Exchange presented(Function<String, String> header) {
        String timestamp = header.apply(DATE);
        String presented = header.apply(SIGNATURE);
        if (timestamp == null || presented == null || presented.length() != 64) return null;
        try {
            TIMESTAMP.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
        return new Exchange(presented, key(timestamp), Protection.MAC, Map.of());
    }

    private byte[] key(String timestamp) {
        if (keysByDate.size() > 4) keysByDate.clear();
        return keysByDate.computeIfAbsent(timestamp.substring(0, 8),
                date -> SigV4Signing.signingKey(secret, date, "granary", "granary-internal"));
    }

    private static String signature(byte[] key, String timestamp, String sender, String count, NodeIdentity target,
                                    String method, String uri, long shardLength, Protection protection) {
        String stringToSign = String.join("\n", ALGORITHM, timestamp, sender, count, target.nodeId(),
                target.incarnation(), method, uri,
                shardLength == CHUNKED_BODY ? "chunked" : shardLength < 0 ? "-" : Long.toString(shardLength),
                protection.name());
        return HexFormat.of().formatHex(SigV4Signing.hmacSha256(key, stringToSign));
    }

    private static Instant parseTime(String timestamp) {
        try {
            return TIMESTAMP.parse(timestamp, Instant::from);
        } catch (DateTimeParseException e) {
            throw forbidden("malformed request time");
        }
    }

    private static long parseCounter(String count) {
        try {
            long number = Long.parseLong(count);
            if (number >= 0 && count.equals(Long.toString(number))) return number;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw forbidden("malformed request counter");
    }

    private static Protection parseProtection(String name) {
        for (Protection protection : Protection.values()) {
            if (protection.name().equals(name)) return protection;
        }
        throw forbidden("unknown protection " + name.replaceAll("[^\\x20-\\x7e]", "?"));
    }

    static ShardStoreException forbidden(String reason) {
        return new ShardStoreException(ShardStoreException.Kind.FORBIDDEN, "cluster signature refused: " + reason);
    }

    @Override
    public String toString() {
        return "ClusterSignature[secret hidden]";
    }
}
