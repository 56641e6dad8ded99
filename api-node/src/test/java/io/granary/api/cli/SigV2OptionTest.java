package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SigV2OptionTest {

    private static boolean parse(String... args) {
        SigV2Option option = new SigV2Option();
        new CommandLine(option).parseArgs(args);
        return option.enabled();
    }

    @Test
    void isOnByDefaultAndTakesOnOrOff() {
        assertTrue(parse());
        assertTrue(parse("--sigv2", "on"));
        assertFalse(parse("--sigv2", "off"));
    }

    @Test
    void rejectsAnythingElse() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--sigv2", "true"));
    }
}
