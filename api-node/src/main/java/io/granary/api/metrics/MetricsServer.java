package io.granary.api.metrics;

import io.granary.api.tls.ListenerTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus endpoint: {@code GET /metrics} on its own small listener, apart from the S3 port,
 * where {@code /metrics} is the bucket named "metrics". It needs no signature (as Prometheus
 * scrapers expect), so it should listen where only the monitoring system reaches it. The heal queue
 * is counted, then the text rendered, both on worker threads; the event loop only writes the answer.
 */
public final class MetricsServer {
    /** The Prometheus text exposition format that {@code PrometheusMeterRegistry.scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final Vertx vertx;
    private final GranaryMetrics metrics;
    private final QueueLengthProbe queues;
    private HttpServer server;

    public MetricsServer(Vertx vertx, GranaryMetrics metrics, QueueLengthProbe queues) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.queues = queues;
    }

    /** Starts listening, with TLS when {@code tls} says so; the future holds the bound port (useful with port 0). */
    public Future<Integer> listen(String host, int port, ListenerTls tls) {
        server = vertx.createHttpServer(tls.secure(new HttpServerOptions().setHost(host).setPort(port)
                .setIdleTimeout(60))).requestHandler(this::handle);
        return server.listen().onSuccess(tls::track).map(HttpServer::actualPort);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals("/metrics")) {
            request.response().setStatusCode(404).end("Not found: metrics are at /metrics\n");
        } else if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
        } else {
            // A stale heal queue length is better than no metrics at all while the store is unreadable.
            queues.refresh()
                    .recover(e -> {
                        LOG.warn("could not count the heal queue for /metrics", e);
                        return Future.succeededFuture();
                    })
                    .compose(counted -> vertx.executeBlocking(metrics::scrape, false))
                    .onSuccess(text -> request.response().putHeader("Content-Type", CONTENT_TYPE).end(text))
                    .onFailure(e -> {
                        LOG.error("could not render /metrics", e);
                        request.response().setStatusCode(500).end();
                    });
        }
    }
}
