package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.metrics.MetricsAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MetricsListenOptionTest {

    private static MetricsAddress resolve(ListenAddress s3, String... args) {
        MetricsListenOption option = new MetricsListenOption();
        new CommandLine(option).parseArgs(args);
        return option.resolve(s3);
    }

    @Test
    void defaultsToTheS3HostOnTheNextPortOrAFreeOne() {
        assertEquals(new MetricsAddress("127.0.0.1", 9001), resolve(new ListenAddress("127.0.0.1", 9000)));
        assertEquals(new MetricsAddress("127.0.0.1", 0), resolve(new ListenAddress("127.0.0.1", 0)));
    }

    @Test
    void takesAnAddressOrOff() {
        ListenAddress s3 = new ListenAddress("127.0.0.1", 9000);
        assertEquals(new MetricsAddress("10.1.2.3", 9464), resolve(s3, "--metrics-listen", "10.1.2.3:9464"));
        assertNull(resolve(s3, "--metrics-listen", "off"));
    }

    @Test
    void rejectsAnAddressWithoutAValidPort() {
        ListenAddress s3 = new ListenAddress("127.0.0.1", 9000);
        assertThrows(CommandLine.ParameterException.class, () -> resolve(s3, "--metrics-listen", "localhost"));
        assertThrows(CommandLine.ParameterException.class, () -> resolve(s3, "--metrics-listen", "localhost:99999"));
    }
}
