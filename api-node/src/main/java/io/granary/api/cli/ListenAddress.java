package io.granary.api.cli;

import picocli.CommandLine;

/** A {@code host:port} listen address, loopback by default; port 0 picks a free one. */
record ListenAddress(String host, int port) {

    /** Converts option values for picocli. */
    static final class Converter implements CommandLine.ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0) throw new CommandLine.TypeConversionException("expected host:port, got " + value);
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 0 || port > 65535) throw new NumberFormatException();
                return new ListenAddress(value.substring(0, colon), port);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("invalid port in " + value);
            }
        }
    }
}
