package io.granary.iam.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;

/**
 * Request headers as received: names compared case-insensitively (stored lower-case, sorted, which is also the
 * canonical-request order), every value of a repeated header kept in arrival order. Immutable once built.
 */
public final class HeaderMap {
    private final TreeMap<String, List<String>> values;

    private HeaderMap(TreeMap<String, List<String>> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name} (any case), or null when absent. */
    public String first(String name) {
        List<String> all = values.get(lower(name));
        return all == null ? null : all.get(0);
    }

    /** Every value of {@code name} in arrival order; empty when absent. */
    public List<String> all(String name) {
        List<String> all = values.get(lower(name));
        return all == null ? List.of() : Collections.unmodifiableList(all);
    }

    public boolean contains(String name) {
        return values.containsKey(lower(name));
    }

    /** Lower-case names in ascending order. */
    public NavigableSet<String> names() {
        return Collections.unmodifiableNavigableSet(values.navigableKeySet());
    }

    @Override
    public String toString() {
        return values.toString();
    }

    static String lower(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }

    /** Collects headers; each {@link #build()} takes a snapshot, so the builder can go on being used. */
    public static final class Builder {
        private final TreeMap<String, List<String>> pending = new TreeMap<>();

        private Builder() {
        }

        public Builder add(String name, String value) {
            pending.computeIfAbsent(lower(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        public Builder addAll(Map<String, ? extends List<String>> headers) {
            headers.forEach((name, list) -> list.forEach(v -> add(name, v)));
            return this;
        }

        public HeaderMap build() {
            TreeMap<String, List<String>> snapshot = new TreeMap<>();
            pending.forEach((name, list) -> snapshot.put(name, new ArrayList<>(list)));
            return new HeaderMap(snapshot);
        }
    }
}
