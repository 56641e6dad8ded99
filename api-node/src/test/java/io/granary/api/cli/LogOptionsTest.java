package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import picocli.CommandLine;

class LogOptionsTest {

    @Test
    void jsonIsOneObjectPerLineWithCrAndLfEscaped() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("granary.requests");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "key {} failed", null,
                new Object[] {"a\r\n{\"level\":\"ERROR\"}"});
        event.setKeyValuePairs(List.of(new KeyValuePair("status", "200")));
        String line = new String(LogFormatOption.jsonEncoder(context).encode(event), StandardCharsets.UTF_8);
        assertEquals(1, line.split("\n", -1).length - 1, line);
        assertFalse(line.contains("\r"), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("INFO", json.get("level").asText());
        assertEquals("granary.requests", json.get("loggerName").asText());
        assertEquals("key a\r\n{\"level\":\"ERROR\"} failed", json.get("formattedMessage").asText());
        assertEquals("200", json.get("kvpList").get(0).get("status").asText());
    }

    @Test
    void refusesFormatsAndSwitchesItDoesNotKnow() {
        assertParses();
        assertParses("--log-format", "json", "--request-log", "on");
        for (List<String> bad : List.of(List.of("--log-format", "xml"), List.of("--request-log", "yes"))) {
            assertThrows(CommandLine.ParameterException.class,
                    () -> new CommandLine(new LogOptions()).parseArgs(bad.toArray(String[]::new)));
        }
    }

    private static void assertParses(String... args) {
        new CommandLine(new LogOptions()).parseArgs(args);
    }
}
