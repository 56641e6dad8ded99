package io.granary.api.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.cli.admin.RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Admin API requests as a test sends them: signed with given credentials (or not at all), answers kept
 * whole with their status so errors can be checked as well as documents.
 */
final class AdminRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI endpoint;
    private final RequestSigner signer;

    /** One answer: status, body, and the body as JSON (or as JSON lines). */
    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        List<JsonNode> lines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (!line.isBlank()) lines.add(JSON.readTree(line));
            }
            return lines;
        }
    }

    /** @param signer signs every request, or null to send them unsigned */
    AdminRequests(URI endpoint, RequestSigner signer) {
        this.endpoint = endpoint;
        this.signer = signer;
    }

    static AdminRequests root(URI endpoint) {
        return new AdminRequests(endpoint, new RequestSigner(GranaryServerExtension.ACCESS_KEY,
                GranaryServerExtension.SECRET_KEY, GranaryServerExtension.REGION));
    }

    /** Sends {@code method} to {@code pathAndQuery} (e.g. {@code /_admin/status}), already encoded. */
    Answer send(String method, String pathAndQuery) throws IOException, InterruptedException {
        URI uri = URI.create(endpoint + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (signer != null) signer.sign(method, uri, new byte[0], Instant.now()).forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }
}
