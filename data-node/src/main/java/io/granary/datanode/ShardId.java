package io.granary.datanode;

import java.security.SecureRandom;

/**
 * The name of one shard file: {@code <setId>-<index>}, where the set id is {@value #SET_ID_LENGTH}
 * characters of {@code [a-z0-9]} shared by the six shards of one object (or part) and the index is
 * two decimal digits. The grammar is deliberately closed: a valid id has exactly
 * {@value #LENGTH} characters from {@code [a-z0-9-]} with the dash at one fixed place, so no id
 * can contain a separator, a dot, a percent sign or anything else that could address a file
 * outside the store's root.
 */
public record ShardId(String value) implements Comparable<ShardId> {
    public static final int SET_ID_LENGTH = 26;
    public static final int LENGTH = SET_ID_LENGTH + 3;
    public static final int MAX_INDEX = 99;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public ShardId {
        if (!isValid(value)) {
            throw new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, "invalid shard id");
        }
    }

    /** Parses an id, refusing anything outside the grammar with {@code INVALID_ARGUMENT}. */
    public static ShardId parse(String text) {
        return new ShardId(text);
    }

    /** The id of shard {@code index} of the set {@code setId}. */
    public static ShardId of(String setId, int index) {
        if (index < 0 || index > MAX_INDEX) {
            throw new ShardStoreException(ShardStoreException.Kind.INVALID_ARGUMENT, "shard index out of range");
        }
        return new ShardId(setId + '-' + (index < 10 ? "0" : "") + index);
    }

    /** A new random set id (about 134 bits of entropy), unique for all practical purposes. */
    public static String randomSetId() {
        char[] id = new char[SET_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH) return false;
        for (int i = 0; i < SET_ID_LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
        }
        return text.charAt(SET_ID_LENGTH) == '-' && isDigit(text.charAt(LENGTH - 2))
                && isDigit(text.charAt(LENGTH - 1));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public String setId() {
        return value.substring(0, SET_ID_LENGTH);
    }

    public int index() {
        return Integer.parseInt(value.substring(SET_ID_LENGTH + 1));
    }

    @Override
    public int compareTo(ShardId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
