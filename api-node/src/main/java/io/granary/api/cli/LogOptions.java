package io.granary.api.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.granary.api.http.RequestLog;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The log options of the roles that run an API node (a picocli mixin): {@link LogFormatOption} and
 * {@code --request-log on|off}.
 */
final class LogOptions {

    @CommandLine.Mixin
    private LogFormatOption format;

    @Option(names = "--request-log", paramLabel = "on|off", defaultValue = "off", converter = Switch.Converter.class,
            description = "Log one line per request: request id, access key, operation, status, bytes, "
                    + "latency (default: ${DEFAULT-VALUE}).")
    private Switch requestLog;

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
        format.apply();
    }
}
