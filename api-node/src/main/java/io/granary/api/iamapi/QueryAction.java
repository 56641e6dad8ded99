package io.granary.api.iamapi;

import io.granary.api.xml.QueryDocument;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One Query action as a family declares it: its AWS name, the resource ARN its {@code iam:NAME}
 * permission is checked on (null: no permission needed, as STS's GetCallerIdentity), and what it
 * does. {@code run} is called on the metadata pool (IamService writes the store) and returns the
 * writer of the {@code <NAMEResult>} children, or null for an action whose answer has no result.
 */
record QueryAction(String name, Function<QueryCall, String> resource,
        Function<QueryCall, Consumer<QueryDocument>> run) {

    static QueryAction of(String name, Function<QueryCall, String> resource,
            Function<QueryCall, Consumer<QueryDocument>> run) {
        return new QueryAction(name, resource, run);
    }

    /** An action that answers only ResponseMetadata. */
    static QueryAction noResult(String name, Function<QueryCall, String> resource, Consumer<QueryCall> run) {
        return new QueryAction(name, resource, call -> {
            run.accept(call);
            return null;
        });
    }
}
