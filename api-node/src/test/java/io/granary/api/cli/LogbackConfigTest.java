package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml parses cleanly (a broken one makes Logback fall back to its defaults silently). */
class LogbackConfigTest {

    @Test
    void theShippedConfigurationLoadsWithoutErrors() throws Exception {
        URL config = getClass().getResource("/logback.xml");
        assertNotNull(config, "logback.xml is on the class path");
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(config);
        StatusUtil statuses = new StatusUtil(context);
        assertTrue(statuses.getHighestLevel(0) < Status.ERROR, context.getStatusManager().getCopyOfStatusList()
                .toString());
        assertEquals(Level.OFF, context.getLogger("granary.requests").getLevel(), "request log off by default");
        assertNotNull(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
    }
}
