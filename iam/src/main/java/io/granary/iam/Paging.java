package io.granary.iam;

import java.util.List;
import java.util.function.Function;

/**
 * IAM's list paging: {@code MaxItems} (1..1000, default 100) items after {@code Marker}, and
 * {@code IsTruncated} with the marker of the next page. Lists are sorted by a unique key (the
 * name), and the marker is the last key returned, so a page stays correct while entities are
 * added or removed between calls.
 */
public final class Paging {
    public static final int DEFAULT_MAX_ITEMS = 100;
    public static final int MAX_ITEMS = 1000;

    private Paging() {
    }

    /**
     * One page.
     *
     * @param marker the key returned by the previous page, or null for the first
     */
    public record Page<T>(List<T> items, boolean truncated, String marker) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * @param sorted the whole list, ascending by {@code key}
     * @param marker {@code Marker} from the request, or null
     * @param maxItems {@code MaxItems} from the request, or null for the default
     * @throws IamException VALIDATION_ERROR for MaxItems out of range
     */
    public static <T> Page<T> page(List<T> sorted, Function<T, String> key, String marker, Integer maxItems) {
        int limit = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        if (limit < 1 || limit > MAX_ITEMS) {
            throw IamException.validation("The specified value for maxItems is invalid. It must be between 1 and "
                    + MAX_ITEMS + ".");
        }
        int start = 0;
        if (marker != null) {
            while (start < sorted.size() && key.apply(sorted.get(start)).compareTo(marker) <= 0) start++;
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> items = sorted.subList(start, end);
        boolean truncated = end < sorted.size();
        return new Page<>(items, truncated, truncated ? key.apply(items.get(items.size() - 1)) : null);
    }
}
