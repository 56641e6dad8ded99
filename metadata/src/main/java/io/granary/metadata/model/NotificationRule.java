package io.granary.metadata.model;

import java.util.List;

/**
 * One event notification rule of a bucket, as PutBucketNotificationConfiguration gave it: the events it sends
 * ({@code s3:ObjectCreated:*}, {@code s3:ObjectRemoved:Delete}, ...) to webhook target {@code targetArn}, for keys
 * starting with {@code prefix} and ending with {@code suffix} (empty: any). {@code kind} is the configuration
 * element it came in ({@code Queue}, {@code Topic} or {@code CloudFunction}), kept so that Get answers with the
 * document that was put.
 */
public record NotificationRule(String id, String kind, String targetArn, List<String> events, String prefix,
        String suffix) {
    private static final String EVENT_PREFIX = "s3:";

    public NotificationRule {
        events = List.copyOf(events);
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }

    /** Whether this rule sends event {@code eventName} (as {@code ObjectCreated:Put}) of {@code key}. */
    public boolean matches(String eventName, String key) {
        return key.startsWith(prefix) && key.endsWith(suffix) && events.stream().anyMatch(e -> covers(e, eventName));
    }

    /** Whether event type {@code pattern} ({@code s3:ObjectCreated:*} or an exact type) covers {@code eventName}. */
    public static boolean covers(String pattern, String eventName) {
        String type = pattern.substring(EVENT_PREFIX.length());
        return type.endsWith(":*") ? eventName.startsWith(type.substring(0, type.length() - 1))
                : type.equals(eventName);
    }
}
