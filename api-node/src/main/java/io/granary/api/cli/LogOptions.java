package io.granary.api.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.granary.api.http.RequestLog;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --log-format text|json} and {@code --request-log on|off} of the roles that run an API node (a
 * picocli mixin). JSON is one object per line on stderr (Logback's {@code JsonEncoder}: level, time,
 * thread, logger, the formatted message with every CR and LF escaped, key-value pairs, the throwable).
 * Applied by reconfiguring Logback once the command line is parsed, before the node starts.
 */
final class LogOptions {

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            converter = Format.Converter.class,
            description = "Log lines as text or as one JSON object per line (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = "--request-log", paramLabel = "on|off", defaultValue = "off", converter = Switch.Converter.class,
            description = "Log one line per request: request id, access key, operation, status, bytes, "
                    + "latency (default: ${DEFAULT-VALUE}).")
    private Switch requestLog;

    /** How log lines are written. */
    enum Format {
        TEXT, JSON;

        /** Converts option values for picocli. */
        static final class Converter implements CommandLine.ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                return switch (value) {
                    case "text" -> TEXT;
                    case "json" -> JSON;
                    default -> throw new CommandLine.TypeConversionException("expected text or json, got " + value);
                };
            }
        }
    }

    /** on or off. */
    enum Switch {
        ON, OFF;

        /** Converts option values for picocli. */
        static final class Converter implements CommandLine.ITypeConverter<Switch> {
            @Override
            public Switch convert(String value) {
                return switch (value) {
                    case "on" -> ON;
                    case "off" -> OFF;
                    default -> throw new CommandLine.TypeConversionException("expected on or off, got " + value);
                };
            }
        }
    }

    void apply() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(RequestLog.LOGGER).setLevel(requestLog == Switch.ON ? Level.INFO : Level.OFF);
        if (format == Format.JSON) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAndStopAllAppenders();
            root.addAppender(jsonAppender(context));
        }
    }

    private static ConsoleAppender<ILoggingEvent> jsonAppender(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("JSON");
        appender.setTarget("System.err");
        appender.setEncoder(jsonEncoder(context));
        appender.start();
        return appender;
    }

    static JsonEncoder jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // What an operator reads: the formatted message, not the template and its arguments twice over.
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        return encoder;
    }
}
