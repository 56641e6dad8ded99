package io.granary.api.limits;

import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One request's place among those in flight ({@link ClientGuard#admit}); released once, further calls are no-ops. */
public final class Admission {
    private final ClientGuard guard;
    private final HttpConnection connection;
    private final String key;
    private final AtomicInteger byKey;
    private final AtomicBoolean released = new AtomicBoolean();

    Admission(ClientGuard guard, HttpConnection connection, String key, AtomicInteger byKey) {
        this.guard = guard;
        this.connection = connection;
        this.key = key;
        this.byKey = byKey;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            guard.release(key, byKey);
            guard.release(connection, this);
        }
    }
}
