package io.granary.api.it;

import io.granary.api.console.ConsoleAddress;
import io.granary.api.console.ConsoleServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The web console on 127.0.0.1 with a free port, in front of a {@link GranaryServerExtension}'s node (register
 * it after that one), sampling the metrics every second so charts fill within a test.
 */
final class ConsoleServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final GranaryServerExtension server;
    private Vertx vertx;
    private ConsoleServer console;

    ConsoleServerExtension(GranaryServerExtension server) {
        this.server = server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleServer.start(vertx, new ConsoleAddress("127.0.0.1", 0),
                ConsoleServer.Settings.of("127.0.0.1", server.port(), GranaryServerExtension.REGION)
                        .withSampleInterval(Duration.ofSeconds(1)), server.node().metrics(),
                server.node().listenerTls());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (console != null) console.close().toCompletionStage().toCompletableFuture().get();
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** The console's base URL, ending in '/'. */
    String base() {
        return server.node().scheme() + "://127.0.0.1:" + console.port() + "/";
    }
}
