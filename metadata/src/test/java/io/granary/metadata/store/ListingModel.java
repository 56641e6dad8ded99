package io.granary.metadata.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The brute-force reference for listings: every key under the prefix, rolled up at the first
 * delimiter after the prefix, kept when the entry sorts after the marker, in UTF-8 byte order.
 * An entry is a key or a common prefix; common prefixes end with the delimiter.
 */
final class ListingModel {

    static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8));

    /** One entry, flagged as common prefix or key. */
    record Entry(String name, boolean commonPrefix) {
    }

    private ListingModel() {
    }

    static List<Entry> entries(Collection<String> keys, String prefix, String delimiter, String marker) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(UTF8_ORDER);
        List<Entry> out = new ArrayList<>();
        for (String key : sorted) {
            if (!key.startsWith(prefix)) continue;
            int at = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            Entry entry = at < 0 ? new Entry(key, false) : new Entry(key.substring(0, at + delimiter.length()), true);
            if (marker != null && UTF8_ORDER.compare(entry.name(), marker) <= 0) continue;
            if (!out.isEmpty() && out.get(out.size() - 1).equals(entry)) continue;
            out.add(entry);
        }
        return out;
    }

    /** The entries of a store page, keys and common prefixes merged back into order. */
    static List<Entry> merge(List<String> keys, List<String> commonPrefixes) {
        List<Entry> out = new ArrayList<>();
        keys.forEach(k -> out.add(new Entry(k, false)));
        commonPrefixes.forEach(p -> out.add(new Entry(p, true)));
        out.sort(Comparator.comparing(Entry::name, UTF8_ORDER));
        return out;
    }
}
