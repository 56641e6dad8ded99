package io.granary.api.http;

import static io.granary.api.http.PartEndScanner.indexOf;
import static io.granary.api.http.PartEndScanner.startsWith;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code multipart/form-data} body (RFC 7578) of a POST upload as it arrives, without holding the
 * file: the fields before the part named {@code file} are collected (at most {@code maxPreData} bytes, else
 * {@code MaxPostPreDataLengthExceeded}), then {@link #head()} completes and the request pauses until
 * {@link #file()} is piped, which streams the file part's bytes with the request's back-pressure. What follows
 * the file part is read and dropped, as S3 ignores fields after the file.
 *
 * <p>The object write path needs the size before the first byte, so the file's size is taken from
 * Content-Length: the body must end with the file part and the closing delimiter line (every browser, curl and
 * the SDKs' form builders send exactly that). A body that does not, fails before anything is committed.
 * Event-loop confined.
 */
public final class FormUpload {
    /** The fields before the file (names lower-case, first occurrence kept) and the file part's own headers. */
    public record Head(Map<String, String> fields, String fileName, String fileContentType, long fileSize) {
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] DASHES = {'-', '-'};

    private final HttpServerRequest request;
    private final byte[] opening;
    private final byte[] delimiter;
    private final long contentLength;
    private final int maxPreData;
    private final Promise<Head> head = Promise.promise();
    private final FileStream file;
    private Buffer pre = Buffer.buffer();

    private FormUpload(HttpServerRequest request, String boundary, long contentLength, int maxPreData) {
        this.request = request;
        this.opening = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.contentLength = contentLength;
        this.maxPreData = maxPreData;
        this.file = new FileStream();
    }

    /** Starts reading {@code request}'s body, which must be paused and not yet read. */
    public static FormUpload read(HttpServerRequest request, String boundary, long contentLength, int maxPreData) {
        FormUpload form = new FormUpload(request, boundary, contentLength, maxPreData);
        request.handler(form::onData);
        request.exceptionHandler(form::onFailure);
        request.endHandler(v -> form.onEnd());
        request.resume();
        return form;
    }

    /** Completes once the file part's headers have arrived; fails on a malformed or oversized form head. */
    public Future<Head> head() {
        return head.future();
    }

    /** The file part's bytes; ends when the request has ended after the file part. */
    public ReadStream<Buffer> file() {
        return file;
    }

    private void onData(Buffer data) {
        if (pre == null) {
            file.onData(data);
            return;
        }
        pre.appendBuffer(data);
        try {
            parseHead();
        } catch (S3Exception e) {
            pre = null;
            request.pause();
            head.tryFail(e);
        }
    }

    private void onFailure(Throwable failure) {
        if (pre != null) {
            head.tryFail(failure);
        } else {
            file.fail(failure);
        }
    }

    private void onEnd() {
        if (pre != null) {
            head.tryFail(S3Exception.of(S3Error.INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST));
        } else {
            file.onEnd();
        }
    }

    /** Parses the form head from the start of what arrived so far; returns quietly when more is needed. */
    private void parseHead() {
        Map<String, String> fields = new LinkedHashMap<>();
        byte[] bytes = pre.getBytes();
        int pos = opening.length;
        if (bytes.length < pos + 2) {
            checkLimit();
            return;
        }
        if (!startsWith(bytes, 0, opening)) throw malformed();
        while (true) {
            if (startsWith(bytes, pos, DASHES)) throw S3Exception.of(S3Error.INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST);
            if (!startsWith(bytes, pos, CRLF)) throw malformed();
            int headersEnd = indexOf(bytes, bytes.length, HEADERS_END, pos + 2);
            if (headersEnd < 0) {
                checkLimit();
                return;
            }
            PartHeaders part = PartHeaders.parse(new String(bytes, pos + 2, headersEnd - pos - 2,
                    StandardCharsets.UTF_8));
            int bodyStart = headersEnd + HEADERS_END.length;
            if (part.name().equalsIgnoreCase("file")) {
                startFile(fields, part, bodyStart);
                return;
            }
            int end = indexOf(bytes, bytes.length, delimiter, bodyStart);
            if (end < 0 || end + delimiter.length + 2 > bytes.length) {
                checkLimit();
                return;
            }
            fields.putIfAbsent(part.name().toLowerCase(Locale.ROOT), new String(bytes, bodyStart, end - bodyStart,
                    StandardCharsets.UTF_8));
            pos = end + delimiter.length;
        }
    }

    private void startFile(Map<String, String> fields, PartHeaders part, int bodyStart) {
        // The file's bytes end where the closing "\r\n--boundary--\r\n" begins.
        long size = contentLength - bodyStart - delimiter.length - DASHES.length - CRLF.length;
        if (size < 0) throw malformed();
        Buffer rest = pre.getBuffer(bodyStart, pre.length());
        pre = null;
        request.pause();
        file.start(rest, size);
        head.complete(new Head(Collections.unmodifiableMap(fields), part.fileName(), part.contentType(), size));
    }

    private void checkLimit() {
        if (pre.length() > maxPreData) throw S3Exception.of(S3Error.MAX_POST_PRE_DATA_LENGTH_EXCEEDED);
    }

    private static S3Exception malformed() {
        return S3Exception.of(S3Error.MALFORMED_POST_REQUEST);
    }

    /**
     * The file part's bytes as a stream, cut where {@link PartEndScanner} finds the delimiter; flow control is
     * the request's own (one request buffer yields at most one file buffer).
     */
    private final class FileStream implements ReadStream<Buffer> {
        private Handler<Buffer> handler;
        private Handler<Void> endHandler;
        private Handler<Throwable> exceptionHandler;
        private final PartEndScanner scanner = new PartEndScanner(delimiter);
        private Buffer leftover;
        private long expected;
        private long emitted;
        private boolean requestEnded;
        private boolean paused = true;
        private boolean finished;
        private Throwable failure;

        void start(Buffer rest, long size) {
            leftover = rest;
            expected = size;
        }

        void onData(Buffer chunk) {
            if (!finished && !scanner.ended()) emit(scanner.feed(chunk));
        }

        void onEnd() {
            requestEnded = true;
            if (leftover == null) finish();
        }

        void fail(Throwable cause) {
            if (finished) return;
            if (handler == null) {
                failure = cause;
                return;
            }
            finished = true;
            request.pause();
            if (exceptionHandler != null) exceptionHandler.handle(cause);
        }

        private void finish() {
            if (finished) return;
            if (!scanner.ended()) {
                fail(S3Exception.of(S3Error.INCOMPLETE_BODY, "The request body ended inside the file part."));
            } else if (emitted != expected) {
                fail(notLast());
            } else {
                finished = true;
                if (endHandler != null) endHandler.handle(null);
            }
        }

        private void emit(Buffer data) {
            if (data.length() == 0 || finished) return;
            emitted += data.length();
            if (emitted > expected) {
                fail(notLast());
                return;
            }
            handler.handle(data);
        }

        private S3Exception notLast() {
            return S3Exception.of(S3Error.INVALID_ARGUMENT, "The file must be the last part of the form, followed "
                    + "only by the closing boundary line.");
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> value) {
            exceptionHandler = value;
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> value) {
            handler = value;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            paused = true;
            request.pause();
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            paused = false;
            if (failure != null) {
                Throwable pending = failure;
                failure = null;
                fail(pending);
                return this;
            }
            if (leftover != null) {
                Buffer first = leftover;
                leftover = null;
                onData(first);
                if (requestEnded) finish();
            }
            if (!paused && !finished) request.resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            if (amount > 0) resume();
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> value) {
            endHandler = value;
            return this;
        }
    }

    /** The headers of one part: its field name, and for the file its filename and Content-Type. */
    record PartHeaders(String name, String fileName, String contentType) {
        static PartHeaders parse(String block) {
            String name = null;
            String fileName = null;
            String contentType = null;
            for (String line : block.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) throw malformed();
                String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (header.equals("content-disposition")) {
                    name = parameter(value, "name");
                    fileName = parameter(value, "filename");
                } else if (header.equals("content-type")) {
                    contentType = value;
                }
            }
            if (name == null) throw malformed();
            return new PartHeaders(name, fileName, contentType);
        }

        /** A {@code ; param="value"} (or unquoted) parameter of a Content-Disposition value, or null. */
        private static String parameter(String disposition, String parameter) {
            // Split on the semicolons outside quotes: a quoted filename may hold one.
            for (String piece : disposition.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String trimmed = piece.trim();
                int eq = trimmed.indexOf('=');
                if (eq < 0 || !trimmed.substring(0, eq).trim().equalsIgnoreCase(parameter)) continue;
                String value = trimmed.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                return value;
            }
            return null;
        }
    }
}
