package io.granary.api.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request on the logger {@value #LOGGER} (off unless {@code --request-log on}):
 * request id, access key, operation, status, bytes in and out, latency. Never a secret, a signature or a
 * query string; the access key is the one the request names, with anything but letters and digits
 * replaced, so no client input reaches the log raw. Fields are also key-value pairs for the JSON format.
 */
public final class RequestLog {
    public static final String LOGGER = "granary.requests";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_KEY_LENGTH = 128;

    private RequestLog() {
    }

    static void answered(String requestId, String accessKey, String operation, String status, long bytesIn,
            long bytesOut, long nanos) {
        if (!LOG.isInfoEnabled()) return;
        String key = printable(accessKey);
        long micros = nanos / 1000;
        LOG.atInfo().addKeyValue("requestId", requestId).addKeyValue("accessKey", key)
                .addKeyValue("operation", operation).addKeyValue("status", status)
                .addKeyValue("bytesIn", bytesIn).addKeyValue("bytesOut", bytesOut)
                .addKeyValue("latencyMicros", micros)
                .log("request {} key={} {} {} in={} out={} {}us", requestId, key.isEmpty() ? "-" : key, operation,
                        status, bytesIn, bytesOut, micros);
    }

    /** Letters and digits as they are, anything else as '?', at most 128 characters. */
    static String printable(String accessKey) {
        StringBuilder out = new StringBuilder(Math.min(accessKey.length(), MAX_KEY_LENGTH));
        for (int i = 0; i < accessKey.length() && i < MAX_KEY_LENGTH; i++) {
            char c = accessKey.charAt(i);
            out.append(c < 128 && Character.isLetterOrDigit(c) ? c : '?');
        }
        return out.toString();
    }
}
