package io.granary.api.notify;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.xml.NotificationConfiguration;
import io.granary.api.xml.NotificationConfiguration.Entry;
import io.granary.api.xml.NotificationConfiguration.Filter;
import io.granary.api.xml.NotificationConfiguration.FilterRule;
import io.granary.api.xml.NotificationConfiguration.Key;
import io.granary.metadata.model.NotificationRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A notification configuration document checked as S3 checks it and turned into rules, and back. Every event
 * type Granary sends is accepted, with the wildcards of its families; the types S3 defines that Granary never
 * produces (restores, replication, transitions, tiering, lost RRS objects) are refused rather than accepted and
 * never sent, and so is EventBridge. A destination must be a Granary webhook ARN; that it exists and answers is
 * the caller's check.
 */
public final class NotificationRules {
    static final String ARN_PREFIX = "arn:granary:webhook:";
    private static final String EVENT_PREFIX = "s3:";
    private static final int MAX_RULES = 100;
    private static final int MAX_ID_LENGTH = 255;
    /** The event types Granary sends, and the wildcards that cover them. */
    private static final Set<String> SENT = Set.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put",
            "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
            "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
            "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
            "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:ObjectTagging:*", "s3:ObjectTagging:Put",
            "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put");
    /** Families of S3 event types Granary never produces. */
    private static final List<String> NEVER_SENT = List.of("s3:ObjectRestore:", "s3:Replication:",
            "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ReducedRedundancyLostObject");

    private NotificationRules() {
    }

    /** @throws S3Exception MalformedXML, InvalidArgument or NotImplemented (EventBridge) */
    public static List<NotificationRule> parse(NotificationConfiguration document) {
        if (document.eventBridge() != null) {
            throw S3Exception.of(S3Error.NOT_IMPLEMENTED, "EventBridge is not implemented: Granary sends events to "
                    + "webhook targets (arn:granary:webhook:...).");
        }
        List<NotificationRule> rules = new ArrayList<>();
        add(rules, "Topic", document.topics());
        add(rules, "Queue", document.queues());
        add(rules, "CloudFunction", document.functions());
        if (rules.size() > MAX_RULES) throw invalid("A configuration has at most " + MAX_RULES + " entries.");
        Set<String> ids = new HashSet<>();
        for (NotificationRule rule : rules) {
            if (!ids.add(rule.id())) throw invalid("Two configurations have the same Id: " + rule.id());
        }
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                if (overlap(rules.get(i), rules.get(j))) {
                    throw invalid("Configurations overlap. Configurations on the same bucket cannot share a "
                            + "common event type.");
                }
            }
        }
        return rules;
    }

    private static void add(List<NotificationRule> rules, String kind, List<Entry> entries) {
        if (entries == null) return;
        for (Entry entry : entries) rules.add(rule(kind, entry));
    }

    private static NotificationRule rule(String kind, Entry entry) {
        String destination = switch (kind) {
            case "Topic" -> entry.topic();
            case "Queue" -> entry.queue();
            default -> entry.function();
        };
        if (destination == null || entry.events() == null || entry.events().isEmpty()) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
        if (!destination.startsWith(ARN_PREFIX)) {
            throw unvalidated(destination, "Granary sends events to webhook targets only (arn:granary:webhook:...)");
        }
        String id = entry.id() == null || entry.id().isEmpty() ? UUID.randomUUID().toString() : entry.id();
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid("The Id is at most 255 characters, without control characters.");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String event : entry.events()) events.add(checkedEvent(event));
        String prefix = null;
        String suffix = null;
        for (FilterRule filterRule : filterRules(entry.filter())) {
            String name = filterRule.name() == null ? "" : filterRule.name().toLowerCase(Locale.ROOT);
            String value = filterRule.value() == null ? "" : filterRule.value();
            if (name.equals("prefix") && prefix == null) {
                prefix = value;
            } else if (name.equals("suffix") && suffix == null) {
                suffix = value;
            } else if (name.equals("prefix") || name.equals("suffix")) {
                throw invalid("Cannot specify more than one " + name + " rule in a filter.");
            } else {
                throw invalid("filter rule name must be either prefix or suffix");
            }
        }
        return new NotificationRule(id, kind, destination, List.copyOf(events), prefix, suffix);
    }

    private static List<FilterRule> filterRules(Filter filter) {
        if (filter == null) return List.of();
        Key key = filter.key();
        if (key == null || key.rules() == null) return List.of();
        return key.rules();
    }

    private static String checkedEvent(String event) {
        String trimmed = event == null ? "" : event.trim();
        if (SENT.contains(trimmed)) return trimmed;
        if (NEVER_SENT.stream().anyMatch(trimmed::startsWith)) {
            throw invalid("Granary never produces " + trimmed + " events (no restores, replication, transitions "
                    + "or tiers), so it does not accept them.");
        }
        throw invalid("The event is not supported for notifications: " + trimmed);
    }

    /** Whether two rules could both send one event of one key: a shared event type and overlapping filters. */
    static boolean overlap(NotificationRule a, NotificationRule b) {
        boolean sharedType = a.events().stream().anyMatch(x -> b.events().stream().anyMatch(y ->
                NotificationRule.covers(x, y.substring(EVENT_PREFIX.length()))
                        || NotificationRule.covers(y, x.substring(EVENT_PREFIX.length()))));
        boolean prefixes = a.prefix().startsWith(b.prefix()) || b.prefix().startsWith(a.prefix());
        boolean suffixes = a.suffix().endsWith(b.suffix()) || b.suffix().endsWith(a.suffix());
        return sharedType && prefixes && suffixes;
    }

    /** The document Get answers with: the rules as they were put, grouped by kind. */
    public static NotificationConfiguration document(List<NotificationRule> rules) {
        List<Entry> topics = new ArrayList<>();
        List<Entry> queues = new ArrayList<>();
        List<Entry> functions = new ArrayList<>();
        for (NotificationRule rule : rules == null ? List.<NotificationRule>of() : rules) {
            List<FilterRule> filter = new ArrayList<>();
            if (!rule.prefix().isEmpty()) filter.add(new FilterRule("Prefix", rule.prefix()));
            if (!rule.suffix().isEmpty()) filter.add(new FilterRule("Suffix", rule.suffix()));
            Filter filters = filter.isEmpty() ? null : new Filter(new Key(filter));
            String arn = rule.targetArn();
            switch (rule.kind()) {
                case "Topic" -> topics.add(new Entry(rule.id(), arn, null, null, rule.events(), filters));
                case "Queue" -> queues.add(new Entry(rule.id(), null, arn, null, rule.events(), filters));
                default -> functions.add(new Entry(rule.id(), null, null, arn, rule.events(), filters));
            }
        }
        return new NotificationConfiguration(topics, queues, functions, null);
    }

    /** S3's answer for a destination it cannot use. */
    public static S3Exception unvalidated(String arn, String why) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, "Unable to validate the following destination "
                + "configurations").with("ArgumentName1", arn).with("ArgumentValue1", why);
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3Error.INVALID_ARGUMENT, message);
    }
}
