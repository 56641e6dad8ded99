package io.granary.api.lifecycle;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.xml.LifecycleConfiguration;
import io.granary.api.xml.LifecycleConfiguration.AbortIncomplete;
import io.granary.api.xml.LifecycleConfiguration.And;
import io.granary.api.xml.LifecycleConfiguration.Expiration;
import io.granary.api.xml.LifecycleConfiguration.Filter;
import io.granary.api.xml.LifecycleConfiguration.NoncurrentVersionExpiration;
import io.granary.api.xml.LifecycleConfiguration.Rule;
import io.granary.api.xml.LifecycleConfiguration.Tag;
import io.granary.api.xml.Timestamps;
import io.granary.metadata.model.LifecycleRule;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A lifecycle configuration document checked as S3 checks it and turned into rules, and back. */
public final class LifecycleRules {
    private static final int MAX_RULES = 1000;
    private static final int MAX_ID_LENGTH = 255;

    private LifecycleRules() {
    }

    /** @throws S3Exception MalformedXML, InvalidArgument, InvalidRequest or NotImplemented (transitions) */
    public static List<LifecycleRule> parse(LifecycleConfiguration document) {
        if (document.rules() == null || document.rules().isEmpty() || document.rules().size() > MAX_RULES) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        List<LifecycleRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Rule rule : document.rules()) {
            LifecycleRule parsed = rule(rule);
            if (!ids.add(parsed.id())) throw invalid("Rule ID must be unique. Found same ID for more than one rule");
            rules.add(parsed);
        }
        return rules;
    }

    private static LifecycleRule rule(Rule rule) {
        if (rule.transitions() != null && !rule.transitions().isEmpty()
                || rule.noncurrentTransitions() != null && !rule.noncurrentTransitions().isEmpty()) {
            throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "Transitions to other storage classes are not "
                    + "implemented: every Granary object lives on the same erasure-coded nodes.");
        }
        String id = rule.id() == null || rule.id().isEmpty() ? UUID.randomUUID().toString() : rule.id();
        if (id.length() > MAX_ID_LENGTH) throw invalid("ID length should not exceed allowed limit of 255");
        // The id goes back out in x-amz-expiration: no control characters (a header value cannot carry them).
        if (id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) throw invalid("The rule ID contains control characters");
        if (!"Enabled".equals(rule.status()) && !"Disabled".equals(rule.status())) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        if ((rule.prefix() != null) == (rule.filter() != null)) throw S3Exception.of(S3Error.MALFORMED_XML);
        Scope scope = rule.filter() == null ? new Scope(rule.prefix(), Map.of(), null, null) : scope(rule.filter());
        Expiration expiration = rule.expiration();
        Integer days = null;
        Long date = null;
        boolean markers = false;
        if (expiration != null) {
            int given = (expiration.days() != null ? 1 : 0) + (expiration.date() != null ? 1 : 0)
                    + (expiration.expiredObjectDeleteMarker() != null ? 1 : 0);
            if (given != 1) throw S3Exception.of(S3Error.MALFORMED_XML);
            days = positive(expiration.days(), "'Days' for Expiration action must be a positive integer");
            date = expiration.date() == null ? null : midnight(expiration.date());
            markers = Boolean.TRUE.equals(expiration.expiredObjectDeleteMarker());
            if (markers && !scope.tags().isEmpty()) {
                throw invalid("ExpiredObjectDeleteMarker cannot be specified with tags.");
            }
        }
        NoncurrentVersionExpiration noncurrent = rule.noncurrentVersionExpiration();
        Integer noncurrentDays = null;
        Integer newer = null;
        if (noncurrent != null) {
            noncurrentDays = positive(noncurrent.days(), "'NoncurrentDays' in NoncurrentVersionExpiration action "
                    + "must be a positive integer");
            if (noncurrentDays == null) throw S3Exception.of(S3Error.MALFORMED_XML);
            newer = noncurrent.newerNoncurrentVersions();
            if (newer != null && (newer < 1 || newer > 100)) {
                throw invalid("NewerNoncurrentVersions must be between 1 and 100");
            }
        }
        AbortIncomplete abort = rule.abortIncomplete();
        Integer abortDays = abort == null ? null : positive(abort.days(), "'DaysAfterInitiation' for "
                + "AbortIncompleteMultipartUpload action must be a positive integer");
        if (abort != null && abortDays == null) throw S3Exception.of(S3Error.MALFORMED_XML);
        if (abortDays != null && !scope.tags().isEmpty()) {
            throw invalid("AbortIncompleteMultipartUpload cannot be specified with Tags.");
        }
        if (days == null && date == null && !markers && noncurrentDays == null && abortDays == null) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "At least one action needs to be specified in a rule");
        }
        return new LifecycleRule(id, "Enabled".equals(rule.status()), scope.prefix(), scope.tags(),
                scope.greaterThan(), scope.lessThan(), days, date, markers, noncurrentDays, newer, abortDays);
    }

    private record Scope(String prefix, Map<String, String> tags, Long greaterThan, Long lessThan) {
    }

    private static Scope scope(Filter filter) {
        int given = (filter.prefix() != null ? 1 : 0) + (filter.tag() != null ? 1 : 0)
                + (filter.sizeGreaterThan() != null ? 1 : 0) + (filter.sizeLessThan() != null ? 1 : 0)
                + (filter.and() != null ? 1 : 0);
        if (given > 1) throw S3Exception.of(S3Error.MALFORMED_XML);
        And and = filter.and();
        if (and == null) {
            return sized(new Scope(filter.prefix(), tags(filter.tag() == null ? List.of() : List.of(filter.tag())),
                    filter.sizeGreaterThan(), filter.sizeLessThan()));
        }
        return sized(new Scope(and.prefix(), tags(and.tags() == null ? List.of() : and.tags()), and.sizeGreaterThan(),
                and.sizeLessThan()));
    }

    private static Scope sized(Scope scope) {
        if (scope.greaterThan() != null && scope.greaterThan() < 0 || scope.lessThan() != null && scope.lessThan() <= 0
                || scope.greaterThan() != null && scope.lessThan() != null && scope.greaterThan() >= scope.lessThan()) {
            throw invalid("ObjectSizeGreaterThan must be less than ObjectSizeLessThan, and both non-negative");
        }
        return scope;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Tag tag : tags) {
            if (tag.key() == null || tag.value() == null) throw S3Exception.of(S3Error.MALFORMED_XML);
            if (map.put(tag.key(), tag.value()) != null) throw invalid("Duplicate Tag Keys are not allowed.");
        }
        return map;
    }

    private static Integer positive(Integer value, String message) {
        if (value != null && value <= 0) throw invalid(message);
        return value;
    }

    private static long midnight(String value) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = Instant.parse(value.trim());
            } catch (DateTimeParseException again) {
                throw invalid("Invalid date value");
            }
        }
        if (instant.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() != 0 || instant.getNano() != 0) {
            throw invalid("'Date' must be at midnight GMT");
        }
        return instant.toEpochMilli();
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, message);
    }

    /** The rules as GetBucketLifecycleConfiguration answers them. */
    public static LifecycleConfiguration document(List<LifecycleRule> rules) {
        List<Rule> out = new ArrayList<>();
        for (LifecycleRule rule : rules) {
            List<Tag> tags = rule.tags().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
            int parts = (rule.prefix().isEmpty() ? 0 : 1) + tags.size() + (rule.sizeGreaterThan() != null ? 1 : 0)
                    + (rule.sizeLessThan() != null ? 1 : 0);
            Filter filter = parts > 1 ? new Filter(null, null, null, null, new And(rule.prefix().isEmpty() ? null
                    : rule.prefix(), tags.isEmpty() ? null : tags, rule.sizeGreaterThan(), rule.sizeLessThan()))
                    : new Filter(parts == 0 || !rule.prefix().isEmpty() ? rule.prefix() : null,
                            tags.isEmpty() ? null : tags.get(0), rule.sizeGreaterThan(), rule.sizeLessThan(), null);
            Expiration expiration = rule.expirationDays() == null && rule.expirationDateMillis() == null
                    && !rule.expiredObjectDeleteMarker() ? null : new Expiration(rule.expirationDays(),
                    rule.expirationDateMillis() == null ? null
                            : Timestamps.iso(Instant.ofEpochMilli(rule.expirationDateMillis())),
                    rule.expiredObjectDeleteMarker() ? Boolean.TRUE : null);
            NoncurrentVersionExpiration noncurrent = rule.noncurrentDays() == null ? null
                    : new NoncurrentVersionExpiration(rule.noncurrentDays(), rule.newerNoncurrentVersions());
            AbortIncomplete abort = rule.abortIncompleteDays() == null ? null
                    : new AbortIncomplete(rule.abortIncompleteDays());
            out.add(new Rule(rule.id(), null, filter, rule.enabled() ? "Enabled" : "Disabled", expiration, noncurrent,
                    abort, null, null));
        }
        return new LifecycleConfiguration(out);
    }
}
