package io.granary.api.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The two time formats S3 uses: ISO-8601 with milliseconds in XML, RFC 1123 in HTTP headers. */
public final class Timestamps {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** RFC 7231 IMF-fixdate: always a two-digit day, unlike {@code RFC_1123_DATE_TIME}. */
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String iso(Instant time) {
        return ISO.format(time.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String http(Instant time) {
        return HTTP.format(time);
    }
}
