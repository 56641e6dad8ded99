package io.granary.iam;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Copies that keep the records immutable and their maps sorted (IAM lists by name). */
final class Records {
    private Records() {
    }

    static SortedMap<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }

    static SortedMap<Integer, String> sortedInts(Map<Integer, String> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static String path(String path) {
        return path == null ? "/" : path;
    }
}
