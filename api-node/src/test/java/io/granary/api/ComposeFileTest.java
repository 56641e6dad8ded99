package io.granary.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@code docker/compose.yaml}, checked here as data ({@code docker/cluster-test.sh} runs it), mirrors the
 * process topology the failure tests run: six data nodes each on its own volume, one API node naming
 * all six, one generated cluster secret that every node reads. Every service's command is parsed by
 * the real launcher, so a renamed role or flag fails this test instead of a user's {@code up}.
 */
class ComposeFileTest {
    private static final String DATA_DIR = "/var/lib/granary";
    private static final int DATA_NODES = 6;
    /** Every service runs the one Granary image; docker/cluster.sh names it through GRANARY_IMAGE. */
    private static final String IMAGE = "${GRANARY_IMAGE:-granary:local}";

    private static Path dockerDir;
    private static JsonNode compose;
    /** Service name → the launcher's parse of its command (only services running the Granary image). */
    private static Map<String, ParseResult> granary;

    @BeforeAll
    static void parseComposeFile() throws IOException {
        String repo = System.getProperty("granary.repo.dir");
        assertNotNull(repo, "system property granary.repo.dir (set by the api-node pom)");
        dockerDir = Path.of(repo, "docker");
        compose = new YAMLMapper().readTree(dockerDir.resolve("compose.yaml").toFile());
        granary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            // The one-shot secret service runs the same image with a shell entrypoint instead of the launcher.
            if (!service.getValue().path("entrypoint").isMissingNode()) continue;
            assertEquals(IMAGE, service.getValue().path("image").asText(), service.getKey());
            List<String> command = strings(service.getValue().path("command"));
            granary.put(service.getKey(), new CommandLine(new Launcher()).parseArgs(command.toArray(String[]::new)));
        }
    }

    @Test
    void runsSixDataNodesEachOnItsOwnVolume() {
        List<String> dataNodes = servicesOfRole("data-node");
        assertEquals(List.of("data-1", "data-2", "data-3", "data-4", "data-5", "data-6"), dataNodes);
        Set<String> volumes = new HashSet<>();
        for (String name : dataNodes) {
            assertEquals(DATA_DIR, role(name).matchedOptionValue("--data-dir", Path.of("")).toString(), name);
            String volume = volumeAt(name, DATA_DIR);
            assertTrue(compose.path("volumes").has(volume), volume + " is a named volume");
            assertTrue(volumes.add(volume), name + " shares its volume " + volume);
        }
        List<String> apiNodes = servicesOfRole("api-node");
        assertEquals(List.of("api-node"), apiNodes);
        assertFalse(volumes.contains(volumeAt("api-node", DATA_DIR)), "the API node's metadata has its own volume");
    }

    @Test
    void apiNodeNamesEveryDataNodeAtTheAddressItListensOn() {
        List<URI> named = role("api-node").matchedOptionValue("--data-nodes", List.of());
        List<URI> expected = new ArrayList<>();
        for (String name : servicesOfRole("data-node")) {
            String listen = role(name).matchedOptionValue("--listen", "");
            expected.add(URI.create("https://" + name + ":" + listen.substring(listen.lastIndexOf(':') + 1)));
        }
        assertEquals(DATA_NODES, named.size());
        assertEquals(expected, named);
    }

    @Test
    void everyNodeReadsTheSecretTheOneShotServiceGenerates() {
        JsonNode generator = compose.path("services").path("cluster-secret");
        String command = String.join(" ", strings(generator.path("command")));
        assertTrue(command.contains("/dev/urandom"), command);
        for (Map.Entry<String, ParseResult> service : granary.entrySet()) {
            Path file = role(service.getKey()).matchedOptionValue("--cluster-secret-file", Path.of(""));
            String mount = file.getParent().toString();
            assertEquals("cluster-secret", volumeAt(service.getKey(), mount), service.getKey());
            assertTrue(command.contains("if [ ! -s " + file + " ]"), "generated only if absent: " + command);
            assertEquals("service_completed_successfully", compose.path("services").path(service.getKey())
                    .path("depends_on").path("cluster-secret").path("condition").asText(), service.getKey());
        }
        assertEquals("cluster-secret", strings(generator.path("volumes")).get(0).split(":")[0]);
        // No second image: the generator is the Granary image, run as root to hand the file to uid 10001.
        assertEquals(IMAGE, generator.path("image").asText());
        assertEquals("0", generator.path("user").asText());
        assertEquals(List.of("sh", "-c"), strings(generator.path("entrypoint")));
    }

    @Test
    void everyNodeTalksTlsWithACertificateTheOneShotServiceIssuesForItsServiceName() {
        String command = String.join(" ", strings(compose.path("services").path("cluster-secret").path("command")));
        assertTrue(command.contains("admin certs init /run/granary/tls"), command);
        for (Map.Entry<String, ParseResult> service : granary.entrySet()) {
            Path dir = role(service.getKey()).matchedOptionValue("--cluster-tls-dir", Path.of(""));
            assertEquals(Path.of("/run/granary/tls", service.getKey()), dir, service.getKey());
            assertTrue(command.contains("--node " + service.getKey()), service.getKey() + " gets a certificate");
            assertEquals("cluster-secret", volumeAt(service.getKey(), "/run/granary"), service.getKey());
        }
    }

    @Test
    void everyNodeHasAHealthCheckOnItsOwnPortAndRestartsUnlessStopped() {
        for (Map.Entry<String, ParseResult> service : granary.entrySet()) {
            JsonNode node = compose.path("services").path(service.getKey());
            ParseResult role = role(service.getKey());
            String listen = role.matchedOption("--metrics-listen") != null
                    ? role.matchedOption("--metrics-listen").originalStringValues().get(0)
                    : role.matchedOption("--listen").originalStringValues().get(0);
            List<String> test = strings(node.path("healthcheck").path("test"));
            assertEquals("CMD-SHELL", test.get(0), service.getKey());
            assertTrue(test.get(1).contains("/dev/tcp/127.0.0.1/" + port(listen) + " "),
                    service.getKey() + ": " + test);
            assertEquals("unless-stopped", node.path("restart").asText(), service.getKey());
        }
        assertEquals("no", compose.path("services").path("cluster-secret").path("restart").asText());
    }

    @Test
    void publishesOnlyTheApiNodesS3AndMetricsPortsOnLoopback() {
        ParseResult api = role("api-node");
        String s3 = api.matchedOption("--listen").originalStringValues().get(0);
        String metrics = api.matchedOption("--metrics-listen").originalStringValues().get(0);
        assertEquals(List.of("127.0.0.1:${GRANARY_S3_PORT:-9000}:" + port(s3),
                        "127.0.0.1:${GRANARY_METRICS_PORT:-9001}:" + port(metrics)),
                strings(compose.path("services").path("api-node").path("ports")));
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.path("services").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            if (!service.getKey().equals("api-node")) {
                assertTrue(service.getValue().path("ports").isMissingNode(), service.getKey() + " publishes nothing");
            }
        }
        assertTrue(compose.path("services").path("api-node").path("environment").has("GRANARY_ACCESS_KEY"));
        assertTrue(compose.path("services").path("api-node").path("environment").has("GRANARY_SECRET_KEY"));
    }

    @Test
    void imageBuildsWithMavenOrFromTheHostJarAndRunsTheLauncherJarWithTheVectorModule() throws IOException {
        List<String> lines = Files.readAllLines(dockerDir.resolve("Dockerfile"));
        assertTrue(lines.contains("ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17"), "Maven build image by default");
        assertTrue(lines.contains("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre"), "Temurin JRE by default");
        List<String> stages = lines.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertEquals(List.of("FROM ${RUNTIME_IMAGE} AS runtime", "FROM runtime AS prebuilt",
                "FROM ${BUILD_IMAGE} AS build", "FROM runtime"), stages,
                "runtime, the registry-free target before the Maven stage, Maven, the default target last");
        assertTrue(lines.contains("COPY granary.jar /opt/granary/granary.jar"), "prebuilt copies the host jar");
        assertTrue(lines.contains("COPY --from=build /src/api-node/target/granary.jar /opt/granary/granary.jar"));
        String entrypoint = lines.stream().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElse("");
        assertTrue(entrypoint.contains("\"--add-modules\", \"jdk.incubator.vector\", \"-jar\""), entrypoint);
        for (String service : granary.keySet()) {
            assertEquals("docker/Dockerfile", compose.path("services").path(service).path("build")
                    .path("dockerfile").asText(), service);
        }
    }

    private static List<String> servicesOfRole(String role) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, ParseResult> service : granary.entrySet()) {
            if (service.getValue().subcommand().commandSpec().name().equals(role)) names.add(service.getKey());
        }
        return names;
    }

    /** The parse of a service's role subcommand, its options as the launcher reads them. */
    private static ParseResult role(String service) {
        ParseResult parsed = granary.get(service);
        assertNotNull(parsed, "service " + service);
        assertTrue(parsed.subcommand().unmatched().isEmpty(), service + " has unknown arguments");
        return parsed.subcommand();
    }

    /** The named volume a service mounts at {@code path}. */
    private static String volumeAt(String service, String path) {
        for (String mount : strings(compose.path("services").path(service).path("volumes"))) {
            String[] parts = mount.split(":");
            if (parts[1].equals(path)) return parts[0];
        }
        throw new AssertionError(service + " mounts nothing at " + path);
    }

    private static String port(String hostAndPort) {
        return hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1);
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(node -> values.add(node.asText()));
        return values;
    }
}
