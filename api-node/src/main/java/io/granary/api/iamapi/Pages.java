package io.granary.api.iamapi;

import io.granary.api.xml.QueryDocument;
import io.granary.iam.Paging;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** IAM's paged lists: one page after {@code Marker} of at most {@code MaxItems}, with IsTruncated and Marker. */
final class Pages {

    private Pages() {
    }

    static <T> Consumer<QueryDocument> of(QueryCall call, String element, List<T> sorted, Function<T, String> key,
            BiConsumer<QueryDocument, T> each) {
        Paging.Page<T> page = page(call, sorted, key);
        return doc -> {
            doc.members(element, page.items(), each).element("IsTruncated", page.truncated());
            doc.element("Marker", page.marker());
        };
    }

    /** A page of plain names: {@code <element><member>NAME</member>...}. */
    static Consumer<QueryDocument> ofNames(QueryCall call, String element, List<String> sorted) {
        Paging.Page<String> page = page(call, sorted, Function.identity());
        return doc -> {
            doc.values(element, page.items()).element("IsTruncated", page.truncated());
            doc.element("Marker", page.marker());
        };
    }

    private static <T> Paging.Page<T> page(QueryCall call, List<T> sorted, Function<T, String> key) {
        return Paging.page(sorted, key, call.form().optional("Marker"), call.form().integer("MaxItems"));
    }
}
