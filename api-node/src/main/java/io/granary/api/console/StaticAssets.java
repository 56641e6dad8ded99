package io.granary.api.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's front end: plain HTML, CSS and JavaScript modules from the classpath ({@code console/}),
 * read once at startup and served from memory (they are a few tens of KiB), so no request touches the
 * disk and nothing is fetched from anywhere else.
 */
final class StaticAssets {
    /** Every file of the front end; a name not listed here is a 404. */
    static final List<String> FILES = List.of("index.html", "style.css", "app.js", "api.js", "dom.js",
            "cluster.js", "buckets.js", "uploads.js", "access.js");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");

    private record Asset(Buffer bytes, String type) {
    }

    private final Map<String, Asset> byName = new HashMap<>();

    /** Reads the files; call before the listener starts (blocking, so not on an event loop). */
    StaticAssets() {
        for (String name : FILES) {
            try (InputStream in = StaticAssets.class.getResourceAsStream("/console/" + name)) {
                if (in == null) throw new IllegalStateException("console asset missing from the jar: " + name);
                byName.put(name, new Asset(Buffer.buffer(in.readAllBytes()),
                        TYPES.get(name.substring(name.lastIndexOf('.') + 1))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Serves {@code name}, or answers 404; {@code head} sends the headers only. */
    void serve(HttpServerResponse response, String name, boolean head) {
        Asset asset = byName.get(name);
        if (asset == null) {
            ConsoleResponses.error(response, 404, "NotFound", "No such console page");
            return;
        }
        response.putHeader("Content-Type", asset.type()).putHeader("Cache-Control", "no-cache");
        if (head) {
            response.putHeader("Content-Length", String.valueOf(asset.bytes().length())).end();
        } else {
            response.end(asset.bytes());
        }
    }
}
