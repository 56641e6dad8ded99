package io.granary.api.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/events}: the heal and scrub passes' progress as server-sent events, one
 * {@code progress} event a second, {@code {"heal":JobProgress,"scrub":JobProgress}} as the admin API
 * answers them (read through it as the session, so a non-admin gets the admin API's refusal). A tick is
 * skipped while the previous one is unanswered or the browser has not taken the last event; the stream
 * ends when the session does.
 */
final class ProgressEvents {
    private static final long TICK_MILLIS = 1000;

    private final Vertx vertx;
    private final LoopbackS3 loopback;
    private final Sessions sessions;

    ProgressEvents(Vertx vertx, LoopbackS3 loopback, Sessions sessions) {
        this.vertx = vertx;
        this.loopback = loopback;
        this.sessions = sessions;
    }

    void stream(HttpServerRequest request, ConsoleSession session) {
        HttpServerResponse response = request.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n\n");
        AtomicBoolean busy = new AtomicBoolean();
        long timer = vertx.setPeriodic(0, TICK_MILLIS, id -> {
            if (!sessions.isOpen(session)) {
                vertx.cancelTimer(id);
                response.end();
            } else if (!response.writeQueueFull() && busy.compareAndSet(false, true)) {
                snapshot(session).onSuccess(data -> {
                    if (!response.ended()) response.write("event: progress\ndata: " + data + "\n\n");
                }).onComplete(done -> busy.set(false));
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private Future<String> snapshot(ConsoleSession session) {
        Future<LoopbackS3.Answer> heal = loopback.call(session, "s3", HttpMethod.GET, "/_admin/heal");
        Future<LoopbackS3.Answer> scrub = loopback.call(session, "s3", HttpMethod.GET, "/_admin/scrub");
        return Future.all(heal, scrub).map(both -> "{\"heal\":" + heal.result().body() + ",\"scrub\":"
                + scrub.result().body() + ",\"status\":" + heal.result().status() + "}");
    }
}
