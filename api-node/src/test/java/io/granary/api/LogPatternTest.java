package io.granary.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped log pattern escapes CR and LF in messages, so client input cannot forge log lines. */
class LogPatternTest {
    @Test
    void crAndLfInAMessageAreEscapedOntoOneLine() throws IOException {
        String config;
        try (InputStream in = LogPatternTest.class.getResourceAsStream("/logback.xml")) {
            config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher pattern = Pattern.compile("<pattern>(.*)</pattern>").matcher(config);
        assertTrue(pattern.find(), config);
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern.group(1));
        layout.start();
        Logger logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "key {} failed", null, new Object[] {"a\r\n12:00:00.000 ERROR forged - line"});
        String line = layout.doLayout(event);
        assertEquals(1, line.split("\n", -1).length - 1, line);
        assertTrue(line.contains("a\\r\\n12:00:00.000 ERROR forged"), line);
    }
}
