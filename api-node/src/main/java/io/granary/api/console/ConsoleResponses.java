package io.granary.api.console;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The one writer of the console's own JSON answers ({@code /api/...}); errors are
 * {@code {"code","message"}} with S3's code where one fits. Proxied S3, admin and IAM answers pass
 * through unchanged.
 */
final class ConsoleResponses {
    private ConsoleResponses() {
    }

    static void json(HttpServerResponse response, int status, JsonObject body) {
        if (response.ended()) return;
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }

    static void error(HttpServerResponse response, int status, String code, String message) {
        json(response, status, new JsonObject().put("code", code).put("message", message));
    }
}
