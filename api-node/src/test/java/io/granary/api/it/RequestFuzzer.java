package io.granary.api.it;

import io.granary.api.it.RawRequest.Signing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates one {@link FuzzCase} at a time from a seed: a method, a path ({@link FuzzPaths}), a query
 * ({@link FuzzQueries}), a few headers ({@link FuzzHeaders}), a body ({@link FuzzBodies}) in one of the
 * framings ({@link FuzzFraming}), signed with the root key most of the time (so requests get past
 * authentication into the handlers and body parsers) or sent anonymously.
 */
final class RequestFuzzer {
    private static final String[] METHODS = {"GET", "GET", "PUT", "PUT", "PUT", "POST", "POST", "DELETE", "HEAD",
        "OPTIONS", "PATCH", "TRACE", "PROPFIND", "get", "CONNECT"};

    private final FuzzRandom random;
    private final String host;
    private final FuzzPaths paths;
    private final FuzzQueries queries;
    private final FuzzHeaders headers;
    private final FuzzBodies bodies;
    private final FuzzFraming framing;

    /**
     * @param bucket      the bucket requests are aimed at (they may delete or change it)
     * @param existingKey an object in it
     * @param uploadId    an upload in progress on it
     */
    RequestFuzzer(long seed, String host, String bucket, String existingKey, String uploadId) {
        this.random = new FuzzRandom(seed);
        this.host = host;
        this.paths = new FuzzPaths(random, bucket, existingKey);
        this.queries = new FuzzQueries(random, uploadId);
        this.headers = new FuzzHeaders(random, bucket, existingKey);
        this.bodies = new FuzzBodies(random, existingKey);
        this.framing = new FuzzFraming(random);
    }

    /** What a framing made of the request: its bytes and what the fuzzer accepts for them. */
    private record Framed(String shape, byte[] wire, boolean mayClose, boolean halfClose) {
    }

    FuzzCase next() {
        String method = random.pick(METHODS);
        String path = paths.next();
        String query = queries.next();
        RawRequest request = RawRequest.of(method, path, query).header("Host", host);
        List<String> notes = new ArrayList<>();
        for (int i = random.below(4); i > 0; i--) {
            notes.add(headers.addOne(request));
        }
        byte[] payload = random.chance(0.3) ? new byte[0] : bodies.next();
        boolean signed = random.chance(0.7);
        Framed framed = frame(request, payload, signed, Signing.now());
        String description = method + " " + abbreviate(path) + (query.isEmpty() ? "" : "?" + abbreviate(query))
                + " headers=" + notes + " body=" + payload.length + "B " + framed.shape()
                + (signed ? " signed" : " anonymous");
        return new FuzzCase(description, framed.wire(), framed.mayClose(), framed.halfClose());
    }

    private Framed frame(RawRequest request, byte[] payload, boolean signed, Signing signing) {
        return switch (random.below(20)) {
            case 0, 1 -> httpChunked(request, payload, signed, signing);
            case 2, 3 -> awsChunked(request, payload, signed, signing);
            case 4 -> {
                boolean broken = random.chance(0.5);
                request.header("Content-Encoding", "aws-chunked").header("x-amz-trailer", "x-amz-checksum-crc32")
                        .header("x-amz-decoded-content-length", String.valueOf(payload.length))
                        .body(framing.unsignedTrailer(payload, broken));
                if (signed) request.sign(signing, "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
                yield new Framed(broken ? "broken unsigned trailer" : "unsigned trailer", request.wire(), broken,
                        false);
            }
            case 5, 6 -> {
                request.noAutomaticLength().header("Content-Length", framing.lyingLength(payload.length)).body(payload);
                if (signed) request.sign(signing, RawRequest.sha256Hex(payload));
                yield new Framed("lying Content-Length", request.wire(), true, true);
            }
            case 7 -> {
                request.body(payload);
                if (signed) request.sign(signing, RawRequest.sha256Hex(payload));
                yield new Framed("broken head", framing.breakHead(request.wire()), true, false);
            }
            case 8 -> {
                if (signed) request.sign(signing, RawRequest.UNSIGNED);
                yield new Framed("head cut off", framing.cutHead(request.wire()), true, true);
            }
            case 9 -> {
                request.body(payload.length == 0 ? new byte[] {1, 2, 3} : payload);
                if (signed) request.sign(signing, RawRequest.UNSIGNED);
                byte[] whole = request.wire();
                yield new Framed("body cut off", Arrays.copyOf(whole, whole.length - 1
                        - random.below(Math.max(1, payload.length))), true, true);
            }
            default -> {
                request.body(payload);
                if (signed) {
                    request.sign(signing, random.chance(0.9) ? RawRequest.sha256Hex(payload)
                            : random.pick(RawRequest.UNSIGNED, "0".repeat(64), "nothex"));
                }
                yield new Framed("plain", request.wire(), false, false);
            }
        };
    }

    private Framed httpChunked(RawRequest request, byte[] payload, boolean signed, Signing signing) {
        boolean broken = random.chance(0.6);
        request.header("Transfer-Encoding", "chunked").noAutomaticLength().body(framing.httpChunked(payload, broken));
        if (signed) request.sign(signing, random.pick(RawRequest.UNSIGNED, RawRequest.sha256Hex(payload)));
        return new Framed(broken ? "broken HTTP chunked" : "HTTP chunked", request.wire(), broken, broken);
    }

    private Framed awsChunked(RawRequest request, byte[] payload, boolean signed, Signing signing) {
        boolean broken = random.chance(0.6);
        request.header("Content-Encoding", "aws-chunked").header("x-amz-decoded-content-length",
                random.chance(0.8) ? String.valueOf(payload.length) : framing.lyingLength(payload.length));
        request.sign(signing, RawRequest.STREAMING);
        if (!signed) request.header("Authorization", "AWS4-HMAC-SHA256 junk");
        request.body(framing.awsChunked(signing, payload, broken));
        return new Framed(broken ? "broken aws-chunked" : "aws-chunked", request.wire(), broken, broken);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...(" + text.length() + ")";
    }
}
