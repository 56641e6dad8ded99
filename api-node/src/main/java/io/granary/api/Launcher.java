package io.granary.api;

import io.granary.api.cli.ApiNodeCommand;
import io.granary.api.cli.LogFormatOption;
import io.granary.api.cli.ServerCommand;
import io.granary.api.cli.VersionCommand;
import io.granary.api.cli.admin.AdminCommand;
import io.granary.datanode.DataNodeMain;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/granary}: one launcher for every role. */
@Command(name = "granary",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "S3-compatible object storage with 4+2 Reed-Solomon erasure coding.",
        subcommands = {ServerCommand.class, ApiNodeCommand.class, DataNodeMain.class, AdminCommand.class,
            VersionCommand.class, CommandLine.HelpCommand.class})
public final class Launcher implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting (used by tests). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its output and errors going to {@code out} and {@code err} (for tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Launcher());
        // The data node's module has no Logback: its --log-format is the launcher's, applied before it runs.
        LogFormatOption dataNodeLogs = new LogFormatOption();
        CommandLine dataNode = line.getSubcommands().get("data-node");
        dataNode.addMixin("logs", dataNodeLogs);
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        return line.setExecutionStrategy(parsed -> {
                    if (parsed.subcommand() != null && parsed.subcommand().commandSpec() == dataNode.getCommandSpec()
                            && !parsed.subcommand().isUsageHelpRequested()) {
                        dataNodeLogs.apply();
                    }
                    return runLast.execute(parsed);
                })
                .setExecutionExceptionHandler((failure, command, parsed) -> {
                    // An operator gets one line saying what is wrong, not a stack trace.
                    command.getErr().println("granary " + command.getCommandName() + ": " + describe(failure));
                    return 1;
                });
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root.getCause() == null ? message : message + " (" + root.getCause().getMessage() + ")";
    }

    /** With no role named, print the usage and fail, so a mistyped script does not look like success. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing role: server, api-node, data-node, "
                + "admin or version");
    }
}
