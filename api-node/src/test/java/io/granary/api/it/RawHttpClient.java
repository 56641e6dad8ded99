package io.granary.api.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately dumb HTTP/1.1 client over a plain {@link Socket}: the caller supplies every byte of
 * the request (so it can be malformed), and responses are parsed just enough to check them. A read
 * that waits longer than the timeout fails the test as a hang; a connection the server closes or
 * resets before answering is reported as {@link Exchange#closedWithoutAnswer()}, not as an error.
 */
final class RawHttpClient {
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final int port;

    RawHttpClient(int port) {
        this.port = port;
    }

    /**
     * One parsed response. Header names are lower-case; {@code complete} is false when the connection
     * ended before the body reached its Content-Length.
     */
    record Response(int status, Map<String, String> headers, byte[] body, boolean complete) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * What came back on one connection: the responses read, in order, and whether the server ended the
     * connection (EOF or reset) where another response could have started.
     */
    record Exchange(List<Response> responses, boolean closed) {
        Response first() {
            if (responses.isEmpty()) throw new AssertionError("the server answered nothing and closed the connection");
            return responses.get(0);
        }

        boolean closedWithoutAnswer() {
            return responses.isEmpty() && closed;
        }
    }

    /** Sends {@code request} and reads one response; HEAD requests get their answer read without a body. */
    Response send(byte[] request) throws IOException {
        return exchange(request, false, 1).first();
    }

    /**
     * Sends {@code request}, optionally half-closes the connection (shutdownOutput), then reads up to
     * {@code maxResponses} responses or until the server closes the connection.
     */
    Exchange exchange(byte[] request, boolean halfClose, int maxResponses) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) socket.shutdownOutput();
            } catch (SocketException e) {
                // The server may answer and close before reading everything we send; read what it said.
            }
            InputStream in = socket.getInputStream();
            boolean head = startsWith(request, "HEAD ");
            List<Response> responses = new ArrayList<>();
            while (responses.size() < maxResponses) {
                Response response;
                try {
                    response = read(in, head && responses.isEmpty());
                } catch (EOFException | SocketException e) {
                    return new Exchange(responses, true);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("the server neither answered nor closed within "
                            + READ_TIMEOUT_MILLIS + " ms; responses so far: " + responses.size(), e);
                }
                if (response.status() != 100) responses.add(response);
                if (!response.complete()) return new Exchange(responses, true);
            }
            return new Exchange(responses, false);
        }
    }

    /** Work a test does between the server's {@code 100 Continue} and the body of the request. */
    interface BeforeBody {
        void run() throws IOException;
    }

    /**
     * Sends the head of {@code request} (which must carry {@code Expect: 100-continue}), waits for the
     * server's {@code 100 Continue}, runs {@code between}, then sends the body and reads the final answer;
     * a final answer in place of the 100 is returned without sending the body.
     */
    Response sendAfterContinue(byte[] request, BeforeBody between) throws IOException {
        int headEnd = indexOf(request, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(request, 0, headEnd);
            out.flush();
            Response first = read(in, false);
            if (first.status() != 100) return first;
            between.run();
            out.write(request, headEnd, request.length - headEnd);
            out.flush();
            return read(in, false);
        }
    }

    /**
     * Sends the first {@code at} bytes of {@code request}, runs {@code between} (the server holds a
     * request that is not finished yet), sends the rest and reads the answer.
     */
    Response sendSplit(byte[] request, int at, BeforeBody between) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request, 0, at);
            out.flush();
            between.run();
            out.write(request, at, request.length - at);
            out.flush();
            Response response;
            do {
                response = read(socket.getInputStream(), false);
            } while (response.status() == 100);
            return response;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) j++;
            if (j == needle.length) return i;
        }
        throw new IllegalArgumentException("no end of headers in the request");
    }

    static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim(), (a, b) -> a + "," + b);
        }
        byte[] body;
        if (head || status == 100 || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunkedBody(in);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            try {
                body = in.readNBytes(length);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the body of " + statusLine + " " + headers + " stalled", e);
            }
            if (body.length < length) return new Response(status, headers, body, false);
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body, true);
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = line(in);
                } while (!trailer.isEmpty());
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    /** One CRLF-terminated line; EOF before any byte of it means the server closed the connection. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed after " + bytes.size() + " bytes of a line");
            if (b == '\n') break;
            bytes.write(b);
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < p.length) return false;
        for (int i = 0; i < p.length; i++) {
            if (bytes[i] != p[i]) return false;
        }
        return true;
    }
}
