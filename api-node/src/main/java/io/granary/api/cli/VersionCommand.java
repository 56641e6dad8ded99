package io.granary.api.cli;

import io.granary.api.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code granary version}: the build version and the JVM it runs on. */
@Command(name = "version", description = "Print the Granary version and the Java runtime.")
public final class VersionCommand implements Runnable {

    @Override
    public void run() {
        for (String line : new Provider().getVersion()) {
            System.out.println(line);
        }
    }

    /** Shared by {@code granary version} and {@code granary --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Launcher.class.getPackage().getImplementationVersion();
            return new String[] {
                "granary " + (version == null ? "development build" : version),
                "java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
