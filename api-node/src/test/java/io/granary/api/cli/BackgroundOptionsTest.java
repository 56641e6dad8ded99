package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.heal.BackgroundSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BackgroundOptionsTest {

    private static BackgroundSettings parse(String... args) {
        BackgroundOptions options = new BackgroundOptions();
        CommandLine commandLine = new CommandLine(options);
        commandLine.parseArgs(args);
        return options.settings(commandLine);
    }

    @Test
    void withoutFlagsTheSettingsAreTheDefaults() {
        assertEquals(BackgroundSettings.defaults(), parse());
        assertEquals(32L << 20, parse().scrubBytesPerSecond());
    }

    @Test
    void flagsSetTheScrubRateInMibPerSecondTheScrubIntervalAndTheOrphanGrace() {
        BackgroundSettings settings = parse("--scrub-rate", "8", "--scrub-interval", "PT12H", "--orphan-grace", "30m");
        assertEquals(8L << 20, settings.scrubBytesPerSecond());
        assertEquals(Duration.ofHours(12), settings.scrubInterval());
        assertEquals(Duration.ofMinutes(30), settings.orphanGrace());
        assertEquals(0, parse("--scrub-rate", "0").scrubBytesPerSecond(), "0 is unlimited");
        assertEquals(0, parse().healBytesPerSecond(), "heal is unlimited by default");
        assertEquals(100L << 20, parse("--heal-rate", "100").healBytesPerSecond());
    }

    @Test
    void durationsTakeAUnitOrIso8601() {
        BackgroundOptions.DurationConverter converter = new BackgroundOptions.DurationConverter();
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofDays(2), converter.convert("2d"));
        assertEquals(Duration.ofHours(1), converter.convert("1H"));
        assertEquals(Duration.ofMinutes(90), converter.convert("pt1h30m"));
        assertEquals(Duration.ZERO, converter.convert("0s"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "10", "1w", "-5m", "m", "PT", "P-1D"})
    void malformedOrNegativeDurationsAreRefused(String value) {
        assertThrows(CommandLine.TypeConversionException.class,
                () -> new BackgroundOptions.DurationConverter().convert(value));
    }

    @Test
    void aNegativeRateOrZeroIntervalIsRefused() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--scrub-rate", "-1"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--scrub-interval", "0h"));
    }
}
