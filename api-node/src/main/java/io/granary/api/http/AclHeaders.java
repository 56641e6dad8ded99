package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ACL a request asks for in its headers: a canned ACL ({@code x-amz-acl}) or explicit grants
 * ({@code x-amz-grant-read}, {@code -write}, {@code -read-acp}, {@code -write-acp}, {@code -full-control}, each a
 * comma-separated list of {@code id="…"}, {@code uri="…"} or {@code emailAddress="…"}), never both. Only the
 * syntax is checked here; grantees are resolved against the accounts later.
 *
 * @param canned the canned ACL's name, or null
 * @param grants the header grants in header order (READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL), each in
 *               the order listed; empty when none
 */
public record AclHeaders(String canned, List<HeaderGrant> grants) {
    /** Every canned ACL S3 defines. */
    public static final Set<String> CANNED = Set.of("private", "public-read", "public-read-write",
            "authenticated-read", "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control",
            "log-delivery-write");

    /** The grantee types of a grant header. */
    public static final String ID = "id";
    public static final String URI = "uri";
    public static final String EMAIL = "emailAddress";
    private static final Set<String> GRANTEE_TYPES = Set.of(ID, URI, EMAIL);

    private static final String[][] GRANT_HEADERS = {{S3Headers.GRANT_READ, "READ"}, {S3Headers.GRANT_WRITE, "WRITE"},
        {S3Headers.GRANT_READ_ACP, "READ_ACP"}, {S3Headers.GRANT_WRITE_ACP, "WRITE_ACP"},
        {S3Headers.GRANT_FULL_CONTROL, "FULL_CONTROL"}};

    /**
     * One grantee of a grant header.
     *
     * @param type {@code id}, {@code uri} or {@code emailAddress}
     */
    public record HeaderGrant(String permission, String type, String value) {
    }

    public AclHeaders {
        grants = List.copyOf(grants);
    }

    /** Whether the request asks for any ACL at all. */
    public boolean present() {
        return canned != null || !grants.isEmpty();
    }

    /**
     * @throws S3Exception InvalidArgument for an unknown canned ACL or a malformed grant, InvalidRequest for a
     *                     canned ACL together with grant headers
     */
    public static AclHeaders parse(MultiMap headers) {
        String canned = headers.get(S3Headers.ACL);
        if (canned != null && !CANNED.contains(canned)) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT).with("ArgumentName", S3Headers.ACL)
                    .with("ArgumentValue", canned);
        }
        List<HeaderGrant> grants = new ArrayList<>();
        for (String[] header : GRANT_HEADERS) {
            for (String value : headers.getAll(header[0])) grants.addAll(grantees(header[0], header[1], value));
        }
        if (canned != null && !grants.isEmpty()) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Specifying both Canned ACLs and Header Grants is not "
                    + "allowed");
        }
        return new AclHeaders(canned, grants);
    }

    private static List<HeaderGrant> grantees(String header, String permission, String value) {
        List<HeaderGrant> grantees = new ArrayList<>();
        for (String item : value.split(",")) {
            String entry = item.trim();
            int eq = entry.indexOf('=');
            String type = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (type.equalsIgnoreCase(EMAIL)) type = EMAIL;
            String grantee = eq < 0 ? "" : unquote(entry.substring(eq + 1).trim());
            if (!GRANTEE_TYPES.contains(type) || grantee.isEmpty()) {
                throw S3Exception.of(S3Error.INVALID_ARGUMENT).with("ArgumentName", header)
                        .with("ArgumentValue", value);
            }
            grantees.add(new HeaderGrant(permission, type, grantee));
        }
        return grantees;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
