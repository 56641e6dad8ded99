package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.model.ObjectLock;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The object lock headers: {@code x-amz-object-lock-mode}, {@code -retain-until-date} and {@code -legal-hold} on
 * object writes, {@code x-amz-bucket-object-lock-enabled} on CreateBucket and {@code
 * x-amz-bypass-governance-retention} on deletes and retention changes; the retention values of the
 * {@code Retention} document go through the same checks. Errors are S3's.
 */
public final class ObjectLockHeaders {
    public static final String MODE = "x-amz-object-lock-mode";
    public static final String RETAIN_UNTIL = "x-amz-object-lock-retain-until-date";
    public static final String LEGAL_HOLD = "x-amz-object-lock-legal-hold";
    public static final String BYPASS_GOVERNANCE = "x-amz-bypass-governance-retention";
    private static final Set<String> KNOWN = Set.of(MODE, RETAIN_UNTIL, LEGAL_HOLD);

    private ObjectLockHeaders() {
    }

    /**
     * The lock an object write asks for, or null when it names none.
     *
     * @throws S3Exception InvalidArgument for a half-given or malformed retention, a bad legal hold value or an
     *     unknown {@code x-amz-object-lock-*} header
     */
    public static ObjectLock parse(MultiMap headers, long nowMillis) {
        boolean any = false;
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(S3Headers.OBJECT_LOCK_PREFIX)) continue;
            if (!KNOWN.contains(lower)) {
                throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Unknown object lock header " + name)
                        .with("ArgumentName", name);
            }
            any = true;
        }
        if (!any) return null;
        String mode = headers.get(MODE);
        String until = headers.get(RETAIN_UNTIL);
        if ((mode == null) != (until == null)) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "x-amz-object-lock-retain-until-date and "
                    + "x-amz-object-lock-mode must both be supplied");
        }
        ObjectLock lock = mode == null ? ObjectLock.NONE : ObjectLock.NONE.withRetention(mode(mode),
                retainUntil(until, nowMillis));
        String hold = headers.get(LEGAL_HOLD);
        return hold == null ? lock : lock.withLegalHold(legalHold(hold));
    }

    /** Whether any {@code x-amz-object-lock-*} header is present. */
    public static boolean present(MultiMap headers) {
        for (String name : headers.names()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(S3Headers.OBJECT_LOCK_PREFIX)) return true;
        }
        return false;
    }

    /** A retention mode, GOVERNANCE or COMPLIANCE. */
    public static String mode(String value) {
        if (ObjectLock.GOVERNANCE.equals(value) || ObjectLock.COMPLIANCE.equals(value)) return value;
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Unknown wormMode directive.")
                .with("ArgumentName", MODE).with("ArgumentValue", value);
    }

    /** An ISO 8601 retain-until date, which must lie in the future. */
    public static long retainUntil(String value, long nowMillis) {
        long millis;
        try {
            millis = OffsetDateTime.parse(value.trim()).toInstant().toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            try {
                millis = Instant.parse(value.trim()).toEpochMilli();
            } catch (DateTimeParseException | NullPointerException again) {
                throw S3Exception.of(S3Error.INVALID_ARGUMENT, "The retain until date must be provided in ISO 8601 "
                        + "format").with("ArgumentName", RETAIN_UNTIL).with("ArgumentValue", value);
            }
        }
        if (millis <= nowMillis) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "The retain until date must be in the future!")
                    .with("ArgumentName", RETAIN_UNTIL).with("ArgumentValue", value);
        }
        return millis;
    }

    /** ON or OFF. */
    public static boolean legalHold(String value) {
        if ("ON".equals(value)) return true;
        if ("OFF".equals(value)) return false;
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Legal Hold must be either of 'ON' or 'OFF'")
                .with("ArgumentName", LEGAL_HOLD).with("ArgumentValue", value);
    }

    /** Whether CreateBucket asks for object lock ({@code true}/{@code false}, case-insensitive). */
    public static boolean bucketLockRequested(MultiMap headers) {
        String value = headers.get(S3Headers.BUCKET_OBJECT_LOCK_ENABLED);
        if (value == null || value.trim().equalsIgnoreCase("false")) return false;
        if (value.trim().equalsIgnoreCase("true")) return true;
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "x-amz-bucket-object-lock-enabled must be true or false")
                .with("ArgumentName", S3Headers.BUCKET_OBJECT_LOCK_ENABLED).with("ArgumentValue", value);
    }

    /** Whether the request asks to bypass a GOVERNANCE retention (its permission is checked separately). */
    public static boolean bypassGovernance(MultiMap headers) {
        String value = headers.get(BYPASS_GOVERNANCE);
        return value != null && value.trim().equalsIgnoreCase("true");
    }
}
