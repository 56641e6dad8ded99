package io.granary.bench.load;

import io.granary.api.notify.WebhookSignature;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A webhook receiver for the notification benchmark: answers every POST with the status last set (204 at start;
 * {@code PUT /status/NNN} sets it), verifies each signature when given the secret, and reports on
 * {@code GET /count} the events answered 2xx and the signatures that failed. Loopback only.
 */
@Command(name = "webhook-sink", mixinStandardHelpOptions = true,
        description = "A counting webhook receiver for bench/webhook-put.sh.")
public final class WebhookSink implements Callable<Integer> {
    @Option(names = "--port", required = true, description = "Port on 127.0.0.1.")
    private int port;

    @Option(names = "--secret", description = "The target's secret, to verify every delivery.")
    private String secret;

    public static void main(String[] args) {
        int exit = new CommandLine(new WebhookSink()).execute(args);
        if (exit != 0) System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        AtomicInteger status = new AtomicInteger(204);
        AtomicLong accepted = new AtomicLong();
        AtomicLong badSignatures = new AtomicLong();
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer().requestHandler(request -> {
            String path = request.path();
            if (path.startsWith("/status/")) {
                status.set(Integer.parseInt(path.substring("/status/".length())));
                request.response().setStatusCode(204).end();
            } else if (path.equals("/count")) {
                request.response().end(accepted.get() + " " + badSignatures.get() + "\n");
            } else {
                request.body().onSuccess(body -> {
                    if (secret != null && !WebhookSignature.verify(secret,
                            request.getHeader(WebhookSignature.TIMESTAMP_HEADER),
                            request.getHeader(WebhookSignature.SIGNATURE_HEADER), body.getBytes(), Instant.now(),
                            WebhookSignature.DEFAULT_TOLERANCE)) {
                        badSignatures.incrementAndGet();
                    }
                    int answer = status.get();
                    if (answer / 100 == 2) accepted.incrementAndGet();
                    request.response().setStatusCode(answer).end();
                });
            }
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        System.out.println("webhook-sink listening on " + port);
        Thread.currentThread().join();
        return 0;
    }
}
