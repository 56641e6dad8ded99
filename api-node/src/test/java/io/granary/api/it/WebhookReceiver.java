package io.granary.api.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.granary.api.notify.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback for the tests: records every POST (headers and body), answers with the status the
 * test sets, and can be stopped and started again on the same port (a receiver that is down for a while).
 */
final class WebhookReceiver implements AutoCloseable {
    /** One POST as received. */
    record Delivery(String eventId, String timestamp, String signature, byte[] body) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean test() {
            return "s3:TestEvent".equals(json().path("Event").asText());
        }

        /** The one record of an event message. */
        JsonNode record() {
            return json().path("Records").get(0);
        }

        boolean verifies(String secret) {
            return WebhookSignature.verify(secret, timestamp, signature, body, Instant.now(),
                    WebhookSignature.DEFAULT_TOLERANCE);
        }
    }

    final List<Delivery> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    private final int port;
    private HttpServer server;
    private ExecutorService threads;

    WebhookReceiver() throws IOException {
        start(0);
        this.port = server.getAddress().getPort();
    }

    private void start(int onPort) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
        threads = Executors.newFixedThreadPool(4);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Delivery(exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/events";
    }

    /** The event messages received so far (test messages left out). */
    List<Delivery> events() {
        return received.stream().filter(d -> !d.test()).toList();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    void restart() throws IOException {
        start(port);
    }

    @Override
    public void close() {
        stop();
    }
}
