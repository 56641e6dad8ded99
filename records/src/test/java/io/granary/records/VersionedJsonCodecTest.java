package io.granary.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionedJsonCodecTest {

    record NameV1(String name) {
    }

    record NameV2(String first, String last) {
    }

    @Test
    void roundTripsARecordBehindItsVersionByte() {
        VersionedJsonCodec<NameV1> codec = VersionedJsonCodec.v1(NameV1.class);
        byte[] bytes = codec.encode(new NameV1("ada"));
        assertEquals(1, bytes[0]);
        assertEquals(new NameV1("ada"), codec.decode(bytes));
    }

    @Test
    void upgradesAnOlderVersionThroughItsStep() {
        byte[] old = VersionedJsonCodec.v1(NameV1.class).encode(new NameV1("ada lovelace"));
        VersionedJsonCodec<NameV2> v2 = new VersionedJsonCodec<>(NameV2.class, 2, Map.of(1, tree -> {
            String[] split = tree.get("name").asText().split(" ");
            ObjectNode upgraded = ((ObjectNode) tree).objectNode();
            return upgraded.put("first", split[0]).put("last", split[1]);
        }));
        assertEquals(new NameV2("ada", "lovelace"), v2.decode(old));
    }

    @Test
    void refusesAVersionNewerThanItKnows() {
        byte[] newer = new VersionedJsonCodec<>(NameV1.class, 3, Map.of()).encode(new NameV1("x"));
        assertThrows(Codec.UnsupportedFormatException.class, () -> VersionedJsonCodec.v1(NameV1.class).decode(newer));
    }

    @Test
    void refusesAnOlderVersionWithoutAnUpgradePath() {
        byte[] old = VersionedJsonCodec.v1(NameV1.class).encode(new NameV1("x"));
        VersionedJsonCodec<NameV1> v2 = new VersionedJsonCodec<>(NameV1.class, 2, Map.of());
        assertThrows(Codec.UnsupportedFormatException.class, () -> v2.decode(old));
    }
}
