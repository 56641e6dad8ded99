package io.granary.datanode;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Runs stream state changes on the stream's own Vert.x context, so its fields need no locks. */
final class ContextDispatch {
    private ContextDispatch() {
    }

    static void run(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
