package io.granary.iam.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw HTTP/1.1 request as written in the AWS SigV4 suite files: request line, headers (continuation lines
 * folded into the previous value with a space, as RFC 7230 obs-fold allows), blank line, body.
 */
record HttpMessageFile(String method, String rawPath, String rawQuery, List<String[]> headers, byte[] body) {

    static HttpMessageFile parse(String text) {
        int headerEnd = text.indexOf("\n\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int question = target.indexOf('?');
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) continue;
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line;
            } else {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
            }
        }
        return new HttpMessageFile(method, question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    SignedRequest toSignedRequest() {
        HeaderMap.Builder builder = HeaderMap.builder();
        for (String[] h : headers) builder.add(h[0], h[1]);
        return new SignedRequest(method, rawPath, rawQuery, builder.build());
    }
}
