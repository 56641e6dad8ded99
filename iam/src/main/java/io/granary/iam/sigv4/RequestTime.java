package io.granary.iam.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time a request claims to have been signed: {@code timestamp} in the ISO 8601 basic form used in the
 * string to sign ({@code yyyyMMdd'T'HHmmss'Z'}), and the same instant. {@code header} names the header it
 * came from (which must then be signed), or is null for the presigned {@code X-Amz-Date} parameter.
 */
record RequestTime(String timestamp, Instant instant, String header) {
    static final long MAX_SKEW_MILLIS = 15 * 60 * 1000L;
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    String date() {
        return timestamp.substring(0, 8);
    }

    /** Reads x-amz-date, else Date (RFC 1123, as S3 allows); null when neither is present and valid. */
    static RequestTime fromHeaders(HeaderMap headers) {
        String amzDate = headers.first("x-amz-date");
        if (amzDate != null) {
            Instant instant = parseBasic(amzDate);
            return instant == null ? null : new RequestTime(amzDate, instant, "x-amz-date");
        }
        String date = headers.first("date");
        if (date == null) return null;
        try {
            ZonedDateTime parsed = ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
            LocalDateTime utc = LocalDateTime.ofInstant(parsed.toInstant(), ZoneOffset.UTC);
            return new RequestTime(BASIC.format(utc), parsed.toInstant(), "date");
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'} by hand (it is on every request); null when malformed. */
    static Instant parseBasic(String s) {
        if (s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') return null;
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 6);
        int day = digits(s, 6, 8);
        int hour = digits(s, 9, 11);
        int minute = digits(s, 11, 13);
        int second = digits(s, 13, 15);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
