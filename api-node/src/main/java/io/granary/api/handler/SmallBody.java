package io.granary.api.handler;

import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.S3Request;
import io.granary.api.pipeline.Buffers;
import io.granary.api.xml.XmlWriter;
import io.granary.iam.checksum.Md5;
import io.granary.iam.checksum.StreamingChecksum;
import io.granary.iam.sigv4.PayloadDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.Map;

/**
 * Reads the small request bodies of the XML and JSON operations (DeleteObjects, Complete, tagging,
 * policies) with a hard size limit ({@code MaxMessageLengthExceeded} past it) and the same payload
 * checks as object bodies: literal SHA-256, aws-chunked signatures, trailers. Small enough to decode on
 * the event loop.
 */
final class SmallBody {

    private SmallBody() {
    }

    /** Reads the body as the XML document {@code type}; an empty or unparsable body is MalformedXML. */
    static <T> Future<T> readXml(S3Request request, Caller caller, int limit, Class<T> type) {
        return read(request, caller, limit).map(body -> xml(body, type));
    }

    /** {@code body} as the XML document {@code type}; an empty or unparsable body is MalformedXML. */
    static <T> T xml(Buffer body, Class<T> type) {
        try {
            T document = body.length() == 0 ? null : XmlWriter.mapper().readValue(body.getBytes(), type);
            if (document == null) throw S3Exception.of(S3Error.MALFORMED_XML);
            return document;
        } catch (IOException e) {
            throw S3Exception.of(S3Error.MALFORMED_XML);
        }
    }

    /**
     * The integrity headers of a body S3 requires them on (DeleteObjects, the object lock documents): Content-MD5
     * or an {@code x-amz-checksum-*}; InvalidRequest without either.
     */
    static ChecksumHeaders requireIntegrity(S3Request request) {
        ChecksumHeaders checks = ChecksumHeaders.parse(request::header);
        if (!checks.present()) {
            throw S3Exception.of(S3Error.INVALID_REQUEST, "Missing required header for this request: Content-MD5");
        }
        return checks;
    }

    /** Reads the body and checks it against {@code checks} (BadDigest when it does not match). */
    static Future<Buffer> read(S3Request request, Caller caller, int limit, ChecksumHeaders checks) {
        return read(request, caller, limit).map(body -> {
            byte[] bytes = body.getBytes();
            byte[] checksum = checks.algorithm() == null ? null : checks.algorithm().compute(bytes);
            StreamingChecksum md5 = Md5.newChecksum();
            md5.update(bytes);
            checks.verify(md5.digest(), checksum, Map.of());
            return body;
        });
    }

    static Future<Buffer> read(S3Request request, Caller caller, int limit) {
        HttpServerRequest http = request.http();
        Buffer body = Buffer.buffer();
        PayloadDecoder decoder = PayloadDecoder.forRequest(caller.auth(), payload -> {
            if (body.length() + payload.remaining() > limit) {
                throw S3Exception.of(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED, "Your request was too big.");
            }
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            body.appendBytes(bytes);
        });
        Promise<Buffer> done = Promise.promise();
        http.handler(piece -> {
            if (done.future().isComplete()) return;
            try {
                decoder.feed(Buffers.view(piece));
            } catch (RuntimeException e) {
                done.tryFail(e);
            }
        });
        http.exceptionHandler(done::tryFail);
        // A client that goes away before its body ends would otherwise leave this read pending forever.
        http.response().closeHandler(v -> done.tryFail(S3Exception.of(S3Error.INCOMPLETE_BODY)));
        http.endHandler(v -> {
            try {
                decoder.finish();
                done.tryComplete(body);
            } catch (RuntimeException e) {
                done.tryFail(e);
            }
        });
        Access.acceptBody(request);
        http.resume();
        return done.future();
    }
}
