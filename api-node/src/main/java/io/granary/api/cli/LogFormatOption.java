package io.granary.api.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --log-format text|json} of every long-running role (a picocli mixin; the launcher adds it to
 * {@code data-node}, whose module has no Logback). JSON is one object per line on stderr (Logback's
 * {@code JsonEncoder}: level, time, thread, logger, the formatted message with every CR and LF escaped, key-value
 * pairs, the throwable). Applied by reconfiguring Logback once the command line is parsed, before the node starts.
 */
public final class LogFormatOption {

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text",
            converter = Format.Converter.class,
            description = "Log lines as text or as one JSON object per line (default: ${DEFAULT-VALUE}).")
    private Format format;

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

    public void apply() {
        if (format != Format.JSON) return;
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(jsonAppender(context));
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
