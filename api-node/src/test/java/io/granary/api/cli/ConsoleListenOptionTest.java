package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.console.ConsoleAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConsoleListenOptionTest {
    private static final ListenAddress S3 = new ListenAddress("127.0.0.1", 9000);

    private static ConsoleAddress resolve(ListenAddress s3, String... args) {
        ConsoleListenOption option = new ConsoleListenOption();
        new CommandLine(option).parseArgs(args);
        return option.resolve(s3);
    }

    @Test
    void defaultsToTwoPortsAfterS3BesideMetricsOrAFreeOne() {
        assertEquals(new ConsoleAddress("127.0.0.1", 9002), resolve(S3));
        assertEquals(new ConsoleAddress("127.0.0.1", 0), resolve(new ListenAddress("127.0.0.1", 0)));
        assertThrows(IllegalArgumentException.class, () -> resolve(new ListenAddress("127.0.0.1", 65534)));
    }

    @Test
    void takesAnAddressOrOffAndRefusesABadPort() {
        assertEquals(new ConsoleAddress("10.1.2.3", 8443), resolve(S3, "--console-listen", "10.1.2.3:8443"));
        assertNull(resolve(S3, "--console-listen", "off"));
        assertThrows(CommandLine.ParameterException.class, () -> resolve(S3, "--console-listen", "nohost"));
    }
}
