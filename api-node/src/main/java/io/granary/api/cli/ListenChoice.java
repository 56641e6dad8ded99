package io.granary.api.cli;

import picocli.CommandLine;

/**
 * The value of an extra listener's option ({@code --metrics-listen}, {@code --console-listen}): an address,
 * or null for off.
 */
record ListenChoice(ListenAddress address) {

    /** Converts option values for picocli: {@code off} or {@code host:port}. */
    static final class Converter implements CommandLine.ITypeConverter<ListenChoice> {
        @Override
        public ListenChoice convert(String value) {
            return new ListenChoice(value.equals("off") ? null : new ListenAddress.Converter().convert(value));
        }
    }
}
