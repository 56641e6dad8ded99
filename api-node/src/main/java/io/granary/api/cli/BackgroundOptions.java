package io.granary.api.cli;

import io.granary.api.heal.BackgroundSettings;
import io.granary.api.notify.DeliverySettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The background-work options of the commands that run an API node ({@code server}, {@code api-node}),
 * as a picocli mixin. Durations are a whole number with a unit, {@code 90s}, {@code 30m}, {@code 1h},
 * {@code 7d}, or ISO-8601 ({@code PT1H30M}).
 */
final class BackgroundOptions {

    @Option(names = "--scrub-rate", defaultValue = "32", paramLabel = "MIB_PER_S",
            description = "Scrub read rate in MiB/s, 0 for unlimited (default: ${DEFAULT-VALUE}).")
    private long scrubMibPerSecond;

    @Option(names = "--scrub-interval", defaultValue = "24h", converter = DurationConverter.class,
            description = "Start an automatic scrub pass this long after the previous one ended "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration scrubInterval;

    @Option(names = "--heal-rate", defaultValue = "0", paramLabel = "MIB_PER_S",
            description = "Heal rebuild rate in MiB/s of rebuilt shards, 0 for unlimited (default: ${DEFAULT-VALUE}).")
    private long healMibPerSecond;

    @Option(names = "--orphan-grace", defaultValue = "1h", converter = DurationConverter.class,
            description = "Delete shard files no object references only once older than this, e.g. 30m, 1h, PT2H "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration orphanGrace;

    @Option(names = "--lifecycle-day", defaultValue = "86400", paramLabel = "SECONDS",
            description = "How long a lifecycle day lasts, so tests can let days pass in seconds "
                    + "(default: ${DEFAULT-VALUE}, a real day).")
    private long lifecycleDaySeconds;

    @Option(names = "--webhook-max-age", defaultValue = "24h", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How long a webhook event is retried before it goes to its "
                    + "target's dead letters (default: ${DEFAULT-VALUE}).")
    private Duration webhookMaxAge;

    @Option(names = "--webhook-retry", defaultValue = "1s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "The first retry's wait of a failed webhook delivery; each "
                    + "next one doubles, up to 10 minutes (default: ${DEFAULT-VALUE}).")
    private Duration webhookRetry;

    /** The settings these options give, the rest at their defaults. */
    BackgroundSettings settings(CommandLine commandLine) {
        if (scrubMibPerSecond < 0) {
            throw new CommandLine.ParameterException(commandLine, "--scrub-rate must not be negative");
        }
        if (healMibPerSecond < 0) {
            throw new CommandLine.ParameterException(commandLine, "--heal-rate must not be negative");
        }
        if (lifecycleDaySeconds < 1) {
            throw new CommandLine.ParameterException(commandLine, "--lifecycle-day must be at least 1 second");
        }
        if (scrubInterval.isZero()) {
            throw new CommandLine.ParameterException(commandLine, "--scrub-interval must be positive");
        }
        if (webhookRetry.isZero()) {
            throw new CommandLine.ParameterException(commandLine, "--webhook-retry must be positive");
        }
        BackgroundSettings defaults = BackgroundSettings.defaults();
        DeliverySettings delivery = defaults.webhooks().withMaxAge(webhookMaxAge)
                .withRetries(webhookRetry, defaults.webhooks().maxRetry());
        return defaults.withScrub(scrubMibPerSecond << 20, scrubInterval)
                .withOrphans(orphanGrace, defaults.orphanSweepInterval()).withHealRate(healMibPerSecond << 20)
                .withLifecycleDay(Duration.ofSeconds(lifecycleDaySeconds)).withWebhooks(delivery);
    }

    /** Parses {@code <n>s|m|h|d} or ISO-8601 into a non-negative duration. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            try {
                Duration parsed = text.startsWith("p") ? Duration.parse(text.toUpperCase(Locale.ROOT)) : withUnit(text);
                if (parsed.isNegative()) throw new CommandLine.TypeConversionException("negative duration " + value);
                return parsed;
            } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException("expected a duration like 30m, 1h, 7d or PT1H, got "
                        + value);
            }
        }

        private static Duration withUnit(String text) {
            if (text.length() < 2) throw new NumberFormatException(text);
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(text);
            };
        }
    }
}
