package io.granary.api;

import io.granary.api.limits.ClientLimits;
import io.granary.api.tls.TlsFiles;

/**
 * How the client-facing listeners face clients: TLS with {@code tls} (null: plain HTTP) and the deadlines
 * and caps of {@code limits}.
 */
public record ListenerSettings(TlsFiles tls, ClientLimits limits) {

    /** Plain HTTP with the default limits: the embedded server's quick start. */
    public static ListenerSettings defaults() {
        return new ListenerSettings(null, ClientLimits.defaults());
    }

    public ListenerSettings withTls(TlsFiles value) {
        return new ListenerSettings(value, limits);
    }

    public ListenerSettings withLimits(ClientLimits value) {
        return new ListenerSettings(tls, value);
    }
}
