package io.granary.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starts real child JVMs with and without the Vector API module to check the startup choice. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CodecSelectionTest {

    @Test
    void jvmWithoutTheVectorModuleFallsBackToScalarAndSaysSo() throws Exception {
        Result result = run(false, null);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("implementation=scalar"), result.output());
        assertTrue(result.output().contains("erasure codec: scalar (jdk.incubator.vector not present"),
                result.output());
    }

    @Test
    void jvmWithTheVectorModuleUsesTheVectorCodec() throws Exception {
        Result result = run(true, null);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("implementation=vector"), result.output());
        assertTrue(result.output().contains("erasure codec: vector"), result.output());
    }

    @Test
    void propertyForcesScalarEvenWithTheModule() throws Exception {
        Result result = run(true, "scalar");
        assertTrue(result.output().contains("implementation=scalar"), result.output());
    }

    @Test
    void forcingVectorWithoutTheModuleFailsWithAClearMessage() throws Exception {
        Result result = run(false, "vector");
        assertTrue(result.exitCode() != 0, result.output());
        assertTrue(result.output().contains("started without --add-modules jdk.incubator.vector"), result.output());
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(boolean vectorModule, String forced) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (vectorModule) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        if (forced != null) {
            command.add("-D" + CodecSelection.PROPERTY + "=" + forced);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CodecSelectionProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(50, TimeUnit.SECONDS)) {
                throw new AssertionError("child JVM did not finish: " + command);
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
