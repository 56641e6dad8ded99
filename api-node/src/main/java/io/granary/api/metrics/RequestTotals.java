package io.granary.api.metrics;

/**
 * Cumulative S3 request figures since the node started: requests finished, their summed latency, and
 * body bytes received and sent. Two snapshots give rates and the mean latency between them.
 */
public record RequestTotals(long requests, double latencySeconds, long bytesReceived, long bytesSent) {
}
