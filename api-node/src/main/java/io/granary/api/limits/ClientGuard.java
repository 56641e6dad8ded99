package io.granary.api.limits;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Enforces {@link ClientLimits} for the S3 listeners (all of them: one guard per API node). Every connection
 * gets its {@link ConnectionDeadlines} and is counted; past {@code maxConnections} its requests are refused,
 * past twice that it is closed at once. Every request takes an {@link Admission} that it gives back when its
 * answer ends; none is given past the in-flight caps or while transfers hold more than {@code maxHeldBytes}.
 * The per-key count uses the access key the request names before it is verified: a request with a bad
 * signature fails before its body is read, so a key's slots cannot be held by someone without its secret.
 * Thread-safe.
 */
public final class ClientGuard {
    /** Vert.x's name for the handler that feeds the connection; the deadlines go just before it. */
    private static final String VERTX_HANDLER = "handler";

    private final ClientLimits limits;
    private final LongSupplier heldBytes;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<HttpConnection> overCap = ConcurrentHashMap.newKeySet();
    private final Map<HttpConnection, Set<Admission>> admittedOn = new ConcurrentHashMap<>();
    private final AtomicInteger inflight = new AtomicInteger();
    private final Map<String, AtomicInteger> inflightByKey = new ConcurrentHashMap<>();

    /** @param heldBytes body bytes the transfers in progress hold now */
    public ClientGuard(ClientLimits limits, LongSupplier heldBytes) {
        this.limits = limits;
        this.heldBytes = heldBytes;
    }

    public ClientLimits limits() {
        return limits;
    }

    /** Counts a new connection and installs its deadlines; closes it when far over the cap. */
    public void connected(HttpConnection connection) {
        int open = connections.incrementAndGet();
        // A request whose connection closes mid-answer may never see its answer end: it is let go here.
        connection.closeHandler(closed -> {
            connections.decrementAndGet();
            overCap.remove(connection);
            Set<Admission> left = admittedOn.remove(connection);
            if (left != null) left.forEach(Admission::release);
        });
        if (open > 2L * limits.maxConnections()) {
            connection.close();
            return;
        }
        if (open > limits.maxConnections()) overCap.add(connection);
        if (connection instanceof ConnectionBase base
                && base.channelHandlerContext().pipeline().get(VERTX_HANDLER) != null) {
            base.channelHandlerContext().pipeline().addBefore(VERTX_HANDLER, "granary-deadlines",
                    new ConnectionDeadlines(limits));
        }
    }

    /** Open connections now. */
    public int connections() {
        return connections.get();
    }

    /** Body bytes the transfers in progress hold now. */
    public long heldBytes() {
        return heldBytes.getAsLong();
    }

    /** Requests in flight now. */
    public int inflight() {
        return inflight.get();
    }

    /**
     * Lets the request in, or returns null when a cap is reached (the caller answers 503 SlowDown).
     * The admission must be {@link Admission#release released} when the answer ends.
     *
     * @param accessKey the access key the request names, "" for none (anonymous requests share one count)
     */
    public Admission admit(HttpServerRequest request, String accessKey) {
        if (overCap.contains(request.connection()) || heldBytes() > limits.maxHeldBytes()) return null;
        if (inflight.incrementAndGet() > limits.maxInflight()) {
            inflight.decrementAndGet();
            return null;
        }
        AtomicInteger byKey = inflightByKey.computeIfAbsent(accessKey, k -> new AtomicInteger());
        if (byKey.incrementAndGet() > limits.maxInflightPerKey()) {
            release(accessKey, byKey);
            return null;
        }
        Admission admission = new Admission(this, request.connection(), accessKey, byKey);
        admittedOn.computeIfAbsent(request.connection(), c -> ConcurrentHashMap.newKeySet()).add(admission);
        return admission;
    }

    void release(HttpConnection connection, Admission admission) {
        Set<Admission> admitted = admittedOn.get(connection);
        if (admitted != null) admitted.remove(admission);
    }

    void release(String key, AtomicInteger byKey) {
        inflight.decrementAndGet();
        if (byKey.decrementAndGet() == 0) inflightByKey.remove(key, byKey);
    }
}
