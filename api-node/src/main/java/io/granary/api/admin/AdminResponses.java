package io.granary.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.error.ErrorMapping;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of admin API answers: JSON documents, and JSON errors
 * {@code {"code","message","requestId"}} with the status of the code. S3 failures (bad signature,
 * access denied) keep their S3 code and status; internal errors are logged once and answered with the
 * generic message. Once a streamed answer has started, an error can only cut the connection.
 */
public final class AdminResponses {
    private static final Logger LOG = LoggerFactory.getLogger(AdminResponses.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private AdminResponses() {
    }

    /** Answers {@code status} with {@code document} as JSON. */
    static Future<Void> json(HttpServerRequest http, int status, Object document) {
        return http.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(bytes(document)));
    }

    /** One line of JSON, newline-terminated, for streamed (NDJSON) answers. */
    static Buffer line(Object document) {
        Buffer line = Buffer.buffer(bytes(document));
        return line.appendByte((byte) '\n');
    }

    private static byte[] bytes(Object document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin documents are plain records", e);
        }
    }

    /** Answers {@code http} with the JSON error for {@code failure}. */
    static void error(HttpServerRequest http, String requestId, Throwable failure) {
        String code;
        int status;
        String message;
        if (failure instanceof AdminException admin) {
            code = admin.code();
            status = admin.status();
            message = admin.getMessage();
        } else {
            S3Exception s3 = ErrorMapping.toS3(failure);
            code = s3.error().code();
            status = s3.error().status();
            message = s3.getMessage();
            if (s3.error() == S3Error.INTERNAL_ERROR) {
                LOG.error("admin request {} {} {} failed", requestId, http.method(), http.path(), failure);
            }
        }
        HttpServerResponse response = http.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            response.reset();
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("requestId", requestId);
        json(http, status, body);
        if (!http.isEnded()) http.resume();
    }
}
