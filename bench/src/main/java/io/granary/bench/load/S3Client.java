package io.granary.bench.load;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The handful of S3 calls the load tool makes, over one Vert.x HTTP/1.1 client with a connection pool the size of
 * the concurrency, path-style addressing and SigV4 header signing. Object bodies stream in both directions:
 * uploads from {@link RandomPayload}, downloads counted and dropped chunk by chunk. With
 * {@link PayloadMode#SIGNED_CRC32} every body is signed with its SHA-256 and object bodies carry
 * {@code x-amz-checksum-crc32}, as boto3 and the aws CLI send them over plain HTTP; the digests of a payload
 * slice are computed once per run ({@link RandomPayload#digests}), so the client's cost stays that of signing.
 * Every non-2xx answer becomes a failed future carrying the S3 error body, so a misconfigured run stops loudly
 * instead of measuring errors.
 */
final class S3Client {
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
    private static final int ERROR_SNIPPET = 400;
    private static final int IDLE_TIMEOUT_SECONDS = 120;

    private final URI endpoint;
    private final String bucket;
    private final S3Signer signer;
    private final PayloadMode mode;
    private final HttpClientAgent http;

    S3Client(Vertx vertx, URI endpoint, String bucket, S3Signer signer, PayloadMode mode, int connections) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.signer = signer;
        this.mode = mode;
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(endpoint.getHost())
                .setDefaultPort(endpoint.getPort())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS);
        this.http = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections));
    }

    /** Creates the bucket unless it exists already. */
    Future<Void> ensureBucket() {
        return send(HttpMethod.HEAD, null, Map.of(), Map.of(), Body.NONE)
                .compose(head -> head.end().compose(v -> head.statusCode() == 200
                        ? Future.succeededFuture()
                        : send(HttpMethod.PUT, null, Map.of(), Map.of(), Body.NONE).compose(HttpClientResponse::end)));
    }

    /** The object's size, or -1 when it does not exist. */
    Future<Long> objectSize(String key) {
        return send(HttpMethod.HEAD, key, Map.of(), Map.of(), Body.NONE)
                .compose(head -> head.end().map(v -> head.statusCode() == 200
                        ? Long.parseLong(head.getHeader(HttpHeaders.CONTENT_LENGTH))
                        : -1L));
    }

    /** PutObject of bytes [offset, offset + length) of the payload. */
    Future<Void> put(String key, RandomPayload payload, long offset, long length) {
        return send(HttpMethod.PUT, key, Map.of(), Map.of(), Body.of(payload, offset, length))
                .compose(HttpClientResponse::end);
    }

    /**
     * GetObject, whole or of the inclusive byte range [first, last] when {@code first >= 0}; answers the number
     * of body bytes received, failing when {@code expected >= 0} and that number differs.
     */
    Future<Long> get(String key, long first, long last, long expected) {
        Map<String, String> headers = first < 0 ? Map.of() : Map.of("Range", "bytes=" + first + "-" + last);
        return send(HttpMethod.GET, key, Map.of(), headers, Body.NONE).compose(response -> {
            long[] received = new long[1];
            response.handler(chunk -> received[0] += chunk.length());
            return response.end().compose(v -> expected >= 0 && received[0] != expected
                    ? Future.failedFuture(new IllegalStateException("GET " + key + ": received " + received[0]
                            + " bytes, expected " + expected))
                    : Future.succeededFuture(received[0]));
        });
    }

    /** CreateMultipartUpload; answers the upload id. */
    Future<String> createMultipartUpload(String key) {
        return send(HttpMethod.POST, key, Map.of("uploads", ""), Map.of(), Body.NONE)
                .compose(HttpClientResponse::body)
                .compose(body -> {
                    Matcher m = UPLOAD_ID.matcher(body.toString());
                    return m.find() ? Future.succeededFuture(m.group(1))
                            : Future.failedFuture(new IllegalStateException("no UploadId in " + snippet(body)));
                });
    }

    /** UploadPart of bytes [offset, offset + length) of the payload; answers the part's ETag. */
    Future<String> uploadPart(String key, String uploadId, int partNumber, RandomPayload payload, long offset,
                              long length) {
        Map<String, String> query = Map.of("partNumber", Integer.toString(partNumber), "uploadId", uploadId);
        return send(HttpMethod.PUT, key, query, Map.of(), Body.of(payload, offset, length))
                .compose(response -> response.end().map(v -> response.getHeader(HttpHeaders.ETAG)));
    }

    /** CompleteMultipartUpload with parts 1..n carrying the given ETags. */
    Future<Void> completeMultipartUpload(String key, String uploadId, List<String> etags) {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        for (int i = 0; i < etags.size(); i++) {
            xml.append("<Part><PartNumber>").append(i + 1).append("</PartNumber><ETag>")
                    .append(etags.get(i).replace("\"", "&quot;")).append("</ETag></Part>");
        }
        Buffer document = Buffer.buffer(xml.append("</CompleteMultipartUpload>").toString());
        // S3 may answer 200 and still report an error in the body, so the body is read and checked.
        return send(HttpMethod.POST, key, Map.of("uploadId", uploadId), Map.of(), Body.of(document))
                .compose(HttpClientResponse::body)
                .compose(answer -> answer.toString().contains("<Error>")
                        ? Future.failedFuture(new IllegalStateException("CompleteMultipartUpload " + key + ": "
                                + snippet(answer)))
                        : Future.succeededFuture());
    }

    /**
     * Signs and sends one request. Answers the response when its status is 2xx, or 404 to a HEAD (how S3 says
     * "no such bucket or key"); any other status fails with the error document.
     */
    private Future<HttpClientResponse> send(HttpMethod method, String key, Map<String, String> query,
                                            Map<String, String> headers, Body body) {
        String path = "/" + bucket + (key == null ? "" : "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
        Map<String, String> sorted = new LinkedHashMap<>();
        query.keySet().stream().sorted().forEach(name -> sorted.put(name, query.get(name)));
        StringBuilder uri = new StringBuilder(path);
        sorted.forEach((name, value) -> uri.append(uri.length() == path.length() ? '?' : '&')
                .append(SdkHttpUtils.urlEncode(name)).append('=').append(SdkHttpUtils.urlEncode(value)));
        Map<String, String> all = new LinkedHashMap<>(headers);
        String payloadHash = S3Signer.UNSIGNED_PAYLOAD;
        if (mode == PayloadMode.SIGNED_CRC32) {
            RandomPayload.Digests digests = body.digester().get();
            payloadHash = digests.sha256Hex();
            if (digests.crc32Base64() != null) all.put("x-amz-checksum-crc32", digests.crc32Base64());
        }
        MultiMap signedHeaders = MultiMap.caseInsensitiveMultiMap();
        signedHeaders.addAll(signer.sign(method.name(), endpoint, path, sorted, all, payloadHash));
        if (body.length() >= 0) signedHeaders.set(HttpHeaders.CONTENT_LENGTH, Long.toString(body.length()));
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri.toString())
                .setHeaders(signedHeaders);
        String what = method.name() + " " + uri;
        return http.request(options).compose(request -> {
            body.writer().accept(request);
            return request.response();
        }).compose(response -> {
            int status = response.statusCode();
            if (status / 100 == 2 || (method == HttpMethod.HEAD && status == 404)) {
                return Future.succeededFuture(response);
            }
            return response.body().compose(error -> Future.failedFuture(
                    new IllegalStateException(what + ": HTTP " + status + " " + snippet(error))));
        });
    }

    /**
     * A request body: its length (-1: none, no Content-Length), what writes it and ends the request, and its
     * digests for signed payloads (CRC32 only for object data).
     */
    private record Body(long length, Consumer<HttpClientRequest> writer, Supplier<RandomPayload.Digests> digester) {
        static final Body NONE = new Body(-1, HttpClientRequest::end, () -> RandomPayload.Digests.of(new byte[0]));

        static Body of(Buffer bytes) {
            return new Body(bytes.length(), request -> request.end(bytes),
                    () -> RandomPayload.Digests.of(bytes.getBytes()));
        }

        static Body of(RandomPayload payload, long offset, long length) {
            return new Body(length, request -> payload.writeTo(request, offset, length),
                    () -> payload.digests(offset, length));
        }
    }

    private static String snippet(Buffer body) {
        String text = body.toString().replaceAll("\\s+", " ");
        return text.length() <= ERROR_SNIPPET ? text : text.substring(0, ERROR_SNIPPET) + "...";
    }
}
