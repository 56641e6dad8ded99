package io.granary.bench.load;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Byte counts as people type them: {@code 4096}, {@code 4KiB}, {@code 64MiB}, {@code 1GiB}, or the short forms
 * {@code 4k}, {@code 64m}, {@code 1g}. Every unit is binary (1 KiB = 1024 bytes), including the decimal-looking
 * spellings {@code KB}/{@code MB}/{@code GB}, because object sizes in this tool are always powers of two.
 */
final class ByteSize {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ByteSize() {
    }

    static long parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte size: '" + text + "' (examples: 4096, 4KiB, 64MiB, 1GiB)");
        }
        int shift = switch (m.group(2).isEmpty() ? 'b' : m.group(2).charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        if (value > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("byte size too large: " + text);
        return value << shift;
    }

    /** The largest exact unit: 4096 → "4KiB", 1536 → "1536B"; the inverse of {@link #parse}. */
    static String format(long bytes) {
        int unit = 0;
        long value = bytes;
        while (unit < UNITS.length - 1 && value != 0 && (value & 1023) == 0) {
            value >>= 10;
            unit++;
        }
        return value + UNITS[unit];
    }

    /** Lets picocli options take byte sizes. */
    static final class Converter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value);
        }
    }
}
