package io.granary.api.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.Launcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code granary admin} in-process against an endpoint with the test root credentials. */
public final class AdminCli {

    /** What a run printed and returned. */
    public record Result(int exit, String out, String err) {
    }

    private AdminCli() {
    }

    /** Runs a command that prints JSON and must succeed; its output parsed. */
    public static JsonNode json(URI endpoint, String... command) {
        Result result = run(endpoint, command);
        if (result.exit() != 0) throw new AssertionError("admin " + List.of(command) + " failed: " + result.err());
        try {
            return new ObjectMapper().readTree(result.out());
        } catch (IOException e) {
            throw new AssertionError("admin " + List.of(command) + " printed no JSON: " + result.out(), e);
        }
    }

    public static Result run(URI endpoint, String... command) {
        List<String> args = new ArrayList<>(List.of("admin", "--endpoint", endpoint.toString(),
                "--access-key", GranaryServerExtension.ACCESS_KEY, "--secret-key", GranaryServerExtension.SECRET_KEY));
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Launcher.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
