package io.granary.iam;

import java.util.SortedMap;

/**
 * The master key's data-key generations (IAM record {@code master/data-keys}): the generation new data keys are
 * wrapped under, and each generation's 256-bit key sealed under the master key. Generation 0 is derived from
 * the master key rather than stored; {@code legacyRetired} says it was retired by a rotation.
 */
public record DataKeyGenerations(int formatVersion, int current, SortedMap<Integer, String> sealed,
        boolean legacyRetired) {
    public static final int FORMAT_VERSION = 1;
    static final String ID = "data-keys";

    public DataKeyGenerations {
        sealed = Records.sortedInts(sealed);
    }

    static DataKeyGenerations initial() {
        return new DataKeyGenerations(FORMAT_VERSION, 0, null, false);
    }

    String id() {
        return ID;
    }
}
