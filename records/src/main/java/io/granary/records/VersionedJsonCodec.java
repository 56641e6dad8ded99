package io.granary.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A value is one format-version byte followed by the record as JSON. Decoding refuses a version
 * above the current one (written by newer code) and upgrades an older one step by step through
 * {@code upgrades} (version n → n+1, Garage's {@code Migrate} idea); a version with no upgrade
 * path is refused too, so old bytes are never misread as new.
 */
public final class VersionedJsonCodec<T> implements Codec<T> {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final int version;
    private final Map<Integer, UnaryOperator<JsonNode>> upgrades;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    /**
     * @param upgrades for each old version n, the step that turns its JSON tree into version n+1
     */
    public VersionedJsonCodec(Class<T> type, int version, Map<Integer, UnaryOperator<JsonNode>> upgrades) {
        if (version < 1 || version > 255) throw new IllegalArgumentException("format version must be 1..255");
        this.version = version;
        this.upgrades = Map.copyOf(upgrades);
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    /** A codec at version 1, with nothing to upgrade. */
    public static <T> VersionedJsonCodec<T> v1(Class<T> type) {
        return new VersionedJsonCodec<>(type, 1, Map.of());
    }

    /** The format version {@code bytes} were written in (their first byte), or -1 for no bytes. */
    public static int storedVersion(byte[] bytes) {
        return bytes.length == 0 ? -1 : Byte.toUnsignedInt(bytes[0]);
    }

    /** {@code json} as stored at format {@code version}: the version byte, then the JSON. */
    public static byte[] frame(int version, byte[] json) {
        if (version < 1 || version > 255) throw new IllegalArgumentException("format version " + version);
        byte[] out = new byte[json.length + 1];
        out[0] = (byte) version;
        System.arraycopy(json, 0, out, 1, json.length);
        return out;
    }

    @Override
    public byte[] encode(T value) {
        try {
            return frame(version, writer.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        int stored = storedVersion(bytes);
        if (stored < 0) throw new IllegalArgumentException("empty value");
        try {
            if (stored == version) return reader.readValue(bytes, 1, bytes.length - 1);
            if (stored > version || stored == 0) {
                throw new UnsupportedFormatException("format version " + stored + " (this code reads up to "
                        + version + ")");
            }
            JsonNode tree = MAPPER.readTree(Arrays.copyOfRange(bytes, 1, bytes.length));
            for (int v = stored; v < version; v++) {
                UnaryOperator<JsonNode> step = upgrades.get(v);
                if (step == null) throw new UnsupportedFormatException("format version " + stored + " has no upgrade");
                tree = step.apply(tree);
            }
            return reader.readValue(tree);
        } catch (IOException e) {
            throw new IllegalArgumentException("undecodable JSON: " + e.getMessage(), e);
        }
    }
}
