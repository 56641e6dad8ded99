package io.granary.api.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of one Prometheus text exposition, parsed the way a scraper reads them (name, labels,
 * value; comments skipped), so tests assert on series rather than on formatting.
 */
public final class PrometheusSamples {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();

    private PrometheusSamples() {
    }

    public static PrometheusSamples parse(String text) {
        PrometheusSamples parsed = new PrometheusSamples();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher sample = SAMPLE.matcher(line.trim());
            if (!sample.matches()) throw new AssertionError("not a Prometheus sample line: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) labels.put(label.group(1), label.group(2));
            }
            parsed.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return parsed;
    }

    /**
     * The sum over every series named {@code name} whose labels include {@code labels} (given as
     * name, value, name, value...); 0 when there is none, as Prometheus treats a counter not yet seen.
     */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labels)) total += sample.value();
        }
        return total;
    }

    /** How many series named {@code name} have labels including {@code labels}. */
    public int count(String name, String... labels) {
        int count = 0;
        for (Sample sample : samples) {
            if (sample.name().equals(name) && hasLabels(sample, labels)) count++;
        }
        return count;
    }

    private static boolean hasLabels(Sample sample, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(sample.labels().get(labels[i]))) return false;
        }
        return true;
    }
}
