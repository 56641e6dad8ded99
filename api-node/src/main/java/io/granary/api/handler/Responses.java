package io.granary.api.handler;

import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.xml.XmlWriter;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** The two shapes of a successful answer: an XML document, or a status with headers only. */
final class Responses {

    private Responses() {
    }

    static Future<Void> xml(S3Request request, Object document) {
        Buffer body = XmlWriter.write(document);
        return request.http().response().setStatusCode(200)
                .putHeader(S3Headers.CONTENT_TYPE, "application/xml").end(body);
    }

    static Future<Void> empty(S3Request request, int status) {
        HttpServerResponse response = request.http().response().setStatusCode(status);
        return response.end();
    }
}
