package io.granary.api.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The streamed answer of one drill: a chunked {@code application/x-ndjson} 200 whose lines are written
 * as objects are checked, the totals, and which pair of nodes is down for the next object. A line is
 * taken only when the connection has room ({@link #add} completes once it drained), so a slow reader
 * slows the drill instead of filling memory; a closed connection stops the drill. Event-loop confined.
 */
final class DrillReport {
    private final HttpServerResponse response;
    private final DrillPlan plan;
    private final long startNanos = System.nanoTime();
    private final Set<List<String>> pairsUsed = new HashSet<>();
    private long objects;
    private long ok;
    private long bytes;
    private Promise<Void> drained;

    DrillReport(HttpServerResponse response, DrillPlan plan) {
        this.response = response;
        this.plan = plan;
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/x-ndjson");
        response.closeHandler(v -> {
            if (drained != null) drained.tryFail(new HttpClosedException("the client closed the drill"));
        });
    }

    /** The pair of nodes to treat as down for the next object. */
    List<String> nextPair() {
        List<String> pair = plan.pairFor(objects);
        pairsUsed.add(pair);
        return pair;
    }

    /** Counts and streams one object's line; completes when the connection can take the next. */
    Future<Void> add(RecoveryDrill.ObjectLine line) {
        objects++;
        if (line.ok()) {
            ok++;
            bytes += line.size();
        }
        return write(AdminResponses.line(line));
    }

    /** Streams the summary line and ends the answer. */
    Future<Void> finish() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        RecoveryDrill.Summary summary = new RecoveryDrill.Summary(objects, ok, objects - ok, bytes,
                Math.round(seconds * 1000) / 1000.0, pairsUsed.size());
        return response.end(AdminResponses.line(new RecoveryDrill.SummaryLine(summary)));
    }

    private Future<Void> write(Buffer line) {
        if (response.closed()) return Future.failedFuture(new HttpClosedException("the client closed the drill"));
        response.write(line);
        if (!response.writeQueueFull()) return Future.succeededFuture();
        drained = Promise.promise();
        response.drainHandler(v -> drained.tryComplete());
        return drained.future();
    }
}
