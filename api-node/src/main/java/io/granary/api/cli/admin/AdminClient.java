package io.granary.api.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The admin CLI's side of the admin API: signed requests to {@code /_admin/...} over the JDK's HTTP
 * client, answers parsed as JSON. Every way a request can go wrong (nothing listening, a timeout, an
 * answer that is not JSON, a JSON error) becomes an {@link AdminCliException} with one readable line.
 */
final class AdminClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final byte[] EMPTY = new byte[0];

    private final URI endpoint;
    private final RequestSigner signer;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    AdminClient(URI endpoint, RequestSigner signer, Clock clock) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.clock = clock;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    ObjectMapper json() {
        return json;
    }

    /** {@code GET} an admin path; the answer's JSON. */
    JsonNode get(String operation, Map<String, String> query) throws AdminCliException {
        return parse(send("GET", operation, query, EMPTY, REQUEST_TIMEOUT));
    }

    /** {@code POST} to an admin path; the answer's JSON. */
    JsonNode post(String operation, Map<String, String> query) throws AdminCliException {
        return post(operation, query, EMPTY);
    }

    /** {@code POST} {@code body} (signed: its SHA-256 is the payload hash) to an admin path; the answer's JSON. */
    JsonNode post(String operation, Map<String, String> query, byte[] body) throws AdminCliException {
        return parse(send("POST", operation, query, body, REQUEST_TIMEOUT));
    }

    /** {@code DELETE} an admin path; the answer's JSON. */
    JsonNode delete(String operation, Map<String, String> query) throws AdminCliException {
        return parse(send("DELETE", operation, query, EMPTY, REQUEST_TIMEOUT));
    }

    /** {@code POST} to an admin path that answers NDJSON; each line is handed over as it arrives. */
    void postLines(String operation, Map<String, String> query, LineConsumer line) throws AdminCliException {
        InputStream answer = send("POST", operation, query, EMPTY, null);
        try (Stream<String> lines = new BufferedReader(new InputStreamReader(answer, StandardCharsets.UTF_8))
                .lines()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String text = it.next();
                if (!text.isBlank()) line.accept(tree(text));
            }
        } catch (UncheckedIOException e) {
            throw new AdminCliException("the answer from " + endpoint + " broke off: " + e.getCause().getMessage());
        }
    }

    /** Takes one NDJSON line. */
    interface LineConsumer {
        void accept(JsonNode line) throws AdminCliException;
    }

    private InputStream send(String method, String operation, Map<String, String> query, byte[] body,
            Duration timeout) throws AdminCliException {
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/_admin/" + operation + encode(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (timeout != null) request.timeout(timeout);
        signer.sign(method, uri, body, clock.instant()).forEach(request::header);
        HttpResponse<InputStream> response = exchange(request.build());
        if (response.statusCode() / 100 != 2) throw error(response.statusCode(), readAll(response.body()));
        return response.body();
    }

    /** Sends a request; every way it can fail to get an answer becomes one line. */
    HttpResponse<InputStream> exchange(HttpRequest request) throws AdminCliException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new AdminCliException("cannot connect to " + endpoint + " (is a Granary server listening there?)");
        } catch (HttpTimeoutException e) {
            throw new AdminCliException("no answer from " + endpoint + " in time");
        } catch (IOException e) {
            throw new AdminCliException("request to " + endpoint + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCliException("interrupted");
        }
    }

    URI endpoint() {
        return endpoint;
    }

    RequestSigner signer() {
        return signer;
    }

    Clock clock() {
        return clock;
    }

    private JsonNode parse(InputStream body) throws AdminCliException {
        return tree(readAll(body));
    }

    private JsonNode tree(String text) throws AdminCliException {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AdminCliException("the answer from " + endpoint + " is not JSON (is it a Granary endpoint?)");
        }
    }

    private AdminCliException error(int status, String body) {
        try {
            JsonNode error = json.readTree(body);
            if (error != null && error.hasNonNull("code")) {
                return new AdminCliException(error.path("code").asText() + ": " + error.path("message").asText()
                        + " (HTTP " + status + ")");
            }
        } catch (JsonProcessingException e) {
            // not an admin API answer: described below
        }
        return new AdminCliException("HTTP " + status + " from " + endpoint + " without an admin API error "
                + "(is it a Granary endpoint?)");
    }

    String readAll(InputStream body) throws AdminCliException {
        try (InputStream in = body) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdminCliException("the answer from " + endpoint + " broke off: " + e.getMessage());
        }
    }

    /** The query string, each name and value percent-encoded as SigV4 canonicalises them. */
    static String encode(Map<String, String> query) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> param : query.entrySet()) {
            if (param.getValue() == null) continue;
            out.append(out.length() == 0 ? '?' : '&').append(escape(param.getKey())).append('=')
                    .append(escape(param.getValue()));
        }
        return out.toString();
    }

    private static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
