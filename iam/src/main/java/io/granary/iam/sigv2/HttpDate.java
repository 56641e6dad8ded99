package io.granary.iam.sigv2;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * The request time of a Signature V2 header: the {@code x-amz-date} or {@code Date} value in one of the three
 * HTTP date formats S3 accepts (RFC 2616 §3.3.1): RFC 1123 (also with a numeric zone such as {@code +0000}),
 * RFC 850 and asctime.
 */
final class HttpDate {
    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss zzz")
                    .toFormatter(Locale.US),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEE MMM ppd HH:mm:ss yyyy")
                    .toFormatter(Locale.US).withZone(java.time.ZoneOffset.UTC));

    private HttpDate() {
    }

    /** The instant {@code value} names, or null when it is in none of the formats. */
    static Instant parse(String value) {
        String text = value.strip();
        for (DateTimeFormatter format : FORMATS) {
            try {
                return ZonedDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }
}
