package io.granary.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.granary.api.ListenerSettings;
import io.granary.api.limits.ClientLimits;
import io.granary.api.tls.TlsFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ListenerOptionsTest {

    private static ListenerSettings parse(String... args) {
        ListenerOptions options = new ListenerOptions();
        CommandLine commandLine = new CommandLine(options);
        commandLine.parseArgs(args);
        return options.settings(commandLine);
    }

    @Test
    void isPlainHttpWithTheDefaultCapsUnlessTold() {
        ListenerSettings settings = parse();
        assertNull(settings.tls());
        assertEquals(ClientLimits.DEFAULT_MAX_CONNECTIONS, settings.limits().maxConnections());
        assertEquals(ClientLimits.DEFAULT_MAX_INFLIGHT, settings.limits().maxInflight());
        assertEquals(20, settings.limits().headerTimeout().toSeconds());
        assertEquals(20, settings.limits().progressTimeout().toSeconds());
        assertEquals(75, settings.limits().keepAliveTimeout().toSeconds());
    }

    @Test
    void takesTheDeadlines() {
        ListenerSettings settings = parse("--client-timeout", "5", "--keep-alive-timeout", "30");
        assertEquals(5, settings.limits().headerTimeout().toSeconds());
        assertEquals(5, settings.limits().progressTimeout().toSeconds());
        assertEquals(30, settings.limits().keepAliveTimeout().toSeconds());
        assertThrows(CommandLine.ParameterException.class, () -> parse("--client-timeout", "0"));
    }

    @Test
    void takesTheCertificateAndKeyTogetherAndTheCaps() {
        ListenerSettings settings = parse("--tls-cert", "chain.pem", "--tls-key", "key.pem",
                "--max-connections", "100", "--max-inflight", "10");
        assertEquals(new TlsFiles(Path.of("chain.pem"), Path.of("key.pem")), settings.tls());
        assertEquals(100, settings.limits().maxConnections());
        assertEquals(10, settings.limits().maxInflight());
        assertEquals(5, settings.limits().maxInflightPerKey());
    }

    @Test
    void refusesACertificateWithoutItsKeyAndCapsBelowOne() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--tls-cert", "chain.pem"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--tls-key", "key.pem"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--max-inflight", "0"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--max-connections", "-1"));
    }
}
