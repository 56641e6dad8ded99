package io.granary.api.cli;

import io.granary.api.ApiNode;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the TLS certificate and key from their files, as web servers do, so an operator (or
 * certbot's deploy hook) renews without a restart; open connections keep their session. The JVM would
 * otherwise treat SIGHUP as a shutdown request.
 */
final class TlsReloadSignal {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReloadSignal.class);

    private TlsReloadSignal() {
    }

    static void install(ApiNode node, PrintWriter out) {
        // sun.misc.Signal (module jdk.unsupported) is the JDK's only way to handle a signal; named in full
        // because checkstyle bans sun.* imports to keep such uses this deliberate.
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload(node));
        // A JVM started with SIGHUP ignored (nohup does that) keeps ignoring it: no handler is installed.
        if (previous == sun.misc.SignalHandler.SIG_IGN) {
            String warning = "TLS: SIGHUP is ignored by this process (started with SIGHUP ignored, as nohup does), "
                    + "so it cannot reload the certificate; start granary without nohup (systemd, setsid, or "
                    + "env --default-signal=HUP)";
            LOG.warn(warning);
            out.println(warning);
        } else {
            out.println("TLS: send SIGHUP to reload the certificate and key");
        }
    }

    private static void reload(ApiNode node) {
        node.reloadTls()
                .onSuccess(listeners -> LOG.info("SIGHUP: reloaded the TLS certificate on {} listeners", listeners))
                .onFailure(e -> LOG.error("SIGHUP: TLS certificate not reloaded, the old one stays: {}",
                        e.toString()));
    }
}
