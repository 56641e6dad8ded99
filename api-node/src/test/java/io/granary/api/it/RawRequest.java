package io.granary.api.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HTTP request built byte by byte for {@link RawHttpClient}, with an independent test-side AWS
 * Signature V4 signer (header form and aws-chunked chunk signatures), so tests can produce a valid
 * request and then break exactly one thing. Paths and query values are used as given (already
 * encoded); the signer canonicalises them the way S3 does for paths made of unreserved characters.
 */
final class RawRequest {
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    static final String STREAMING = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String SERVICE = "s3";

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];
    private boolean automaticLength = true;

    private RawRequest(String method, String path, String query) {
        this.method = method;
        this.path = path;
        this.query = query;
    }

    /** {@code query} is the raw query string without '?', or empty. */
    static RawRequest of(String method, String path, String query) {
        return new RawRequest(method, path, query);
    }

    static RawRequest of(String method, String path) {
        return of(method, path, "");
    }

    RawRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The value of a header set so far (as given, by exact name), or null. */
    String wireHeader(String name) {
        return headers.get(name);
    }

    RawRequest body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** Sends exactly the headers given: no Content-Length is added (for chunked or lying requests). */
    RawRequest noAutomaticLength() {
        this.automaticLength = false;
        return this;
    }

    /** The signing time and credentials of one request; {@link #signature} is set by {@link #sign}. */
    static final class Signing {
        final Instant time;
        final String accessKey;
        final String secretKey;
        String signature;
        String stringToSign;

        Signing(Instant time, String accessKey, String secretKey) {
            this.time = time;
            this.accessKey = accessKey;
            this.secretKey = secretKey;
        }

        static Signing now() {
            return new Signing(Instant.now(), GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY);
        }

        String amzDate() {
            return AMZ_DATE.format(time);
        }

        String scope() {
            return amzDate().substring(0, 8) + "/" + GranaryServerExtension.REGION + "/" + SERVICE + "/aws4_request";
        }

        byte[] signingKey() {
            byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), amzDate().substring(0, 8));
            key = hmac(key, GranaryServerExtension.REGION);
            key = hmac(key, SERVICE);
            return hmac(key, "aws4_request");
        }
    }

    /** Signs with the literal SHA-256 of the body as {@code x-amz-content-sha256}. */
    RawRequest signed() {
        return sign(Signing.now(), sha256Hex(body));
    }

    /**
     * Adds {@code Host}, {@code x-amz-date}, {@code x-amz-content-sha256: payloadHash} and the
     * {@code Authorization} header; host, content-type, content-md5 and every x-amz-* header are signed.
     */
    RawRequest sign(Signing signing, String payloadHash) {
        headers.putIfAbsent("Host", "127.0.0.1");
        headers.put("x-amz-date", signing.amzDate());
        headers.put("x-amz-content-sha256", payloadHash);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("host") || lower.equals("content-type") || lower.equals("content-md5")
                    || lower.startsWith("x-amz-")) {
                signed.put(lower, value.trim());
            }
        });
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedNames = String.join(";", signed.keySet());
        String canonical = method + "\n" + path + "\n" + canonicalQuery() + "\n" + canonicalHeaders + "\n"
                + signedNames + "\n" + payloadHash;
        signing.stringToSign = "AWS4-HMAC-SHA256\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        signing.signature = HexFormat.of().formatHex(hmac(signing.signingKey(), signing.stringToSign));
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + signing.accessKey + "/" + signing.scope()
                + ", SignedHeaders=" + signedNames + ", Signature=" + signing.signature);
        return this;
    }

    /**
     * The query string of a presigned URL for {@code method path} (no other parameters), signed at
     * {@code signing}'s time and valid for {@code expiresSeconds}; only {@code host} is signed.
     */
    static String presignedQuery(String method, String path, String host, Signing signing, int expiresSeconds) {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + signing.accessKey + "%2F"
                + signing.scope().replace("/", "%2F") + "&X-Amz-Date=" + signing.amzDate() + "&X-Amz-Expires="
                + expiresSeconds + "&X-Amz-SignedHeaders=host";
        String canonical = method + "\n" + path + "\n" + query + "\nhost:" + host + "\n\nhost\n" + UNSIGNED;
        String stringToSign = "AWS4-HMAC-SHA256\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        return query + "&X-Amz-Signature=" + HexFormat.of().formatHex(hmac(signing.signingKey(), stringToSign));
    }

    /** The signature of the next aws-chunked chunk, chained from {@code previous}. */
    static String chunkSignature(Signing signing, String previous, byte[] chunk) {
        String stringToSign = "AWS4-HMAC-SHA256-PAYLOAD\n" + signing.amzDate() + "\n" + signing.scope() + "\n"
                + previous + "\n" + sha256Hex(new byte[0]) + "\n" + sha256Hex(chunk);
        return HexFormat.of().formatHex(hmac(signing.signingKey(), stringToSign));
    }

    /**
     * A correctly signed aws-chunked encoding of {@code payload} in chunks of {@code chunkSize}, ending
     * with the zero-length chunk; {@code signing} must already hold the request's seed signature.
     */
    static byte[] awsChunked(Signing signing, byte[] payload, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = signing.signature;
        for (int offset = 0; ; offset += chunkSize) {
            int n = Math.max(0, Math.min(chunkSize, payload.length - offset));
            byte[] chunk = java.util.Arrays.copyOfRange(payload, Math.min(offset, payload.length), offset + n);
            previous = chunkSignature(signing, previous, chunk);
            out.writeBytes((Integer.toHexString(n) + ";chunk-signature=" + previous + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            if (n == 0) return out.toByteArray();
        }
    }

    /** The request as it goes on the wire. */
    byte[] wire() {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(query.isEmpty() ? "" : "?" + query)
                .append(" HTTP/1.1\r\n");
        headers.putIfAbsent("Host", "127.0.0.1");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (automaticLength && (body.length > 0 || method.equals("PUT") || method.equals("POST"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private String canonicalQuery() {
        if (query.isEmpty()) return "";
        List<String> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            pairs.add(pair.contains("=") ? pair : pair + "=");
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
