package io.granary.api.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code granary data-node --log-format json} logs one JSON object per line, as the API node does. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DataNodeLogFormatIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDataNodeStartedWithJsonLogsWarnsInJson(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("cluster-secret"), "0123456789abcdef0123456789abcdef");
        // Readable by others: the data node warns about it at start, which gives this test a line to read.
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Path log = dir.resolve("data-node.log");
        try (LauncherProcess node = new LauncherProcess("data-node", List.of("-Xmx128m"), List.of("data-node",
                "--data-dir", dir.resolve("node").toString(), "--listen", "127.0.0.1:0", "--cluster-secret-file",
                secret.toString(), "--log-format", "json"), Map.of(), log, "granary data-node listening on ")) {
            node.start();
            List<JsonNode> events = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("{")) events.add(JSON.readTree(line));
            }
            JsonNode warning = events.stream().filter(e -> e.path("formattedMessage").asText()
                    .contains("cluster secret file")).findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON warning in:\n" + String.join("\n",
                            readLines(log))));
            assertEquals("WARN", warning.get("level").asText());
            assertTrue(warning.get("loggerName").asText().startsWith("io.granary.datanode"), warning.toString());
        }
    }

    private static List<String> readLines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (java.io.IOException e) {
            return List.of(e.toString());
        }
    }
}
