package io.granary.datanode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardIdTest {
    static final String SET = "abcdefghijklmnopqrstuvwxyz".substring(0, 20) + "012345";

    @Test
    void formatsAndParsesSetIdAndIndex() {
        ShardId id = ShardId.of(SET, 5);
        assertEquals(SET + "-05", id.value());
        assertEquals(SET, id.setId());
        assertEquals(5, id.index());
        assertEquals(id, ShardId.parse(id.value()));
    }

    @Test
    void randomSetIdsAreValidAndDistinct() {
        String a = ShardId.randomSetId();
        String b = ShardId.randomSetId();
        assertTrue(ShardId.isValid(a + "-00"));
        assertTrue(!a.equals(b));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "../../../../../../../../etc/pa-00", "abcdefghijklmnopqrst012345-0",
        "abcdefghijklmnopqrst012345-000", "ABCDEFGHIJKLMNOPQRST012345-00", "abcdefghijklmnopqrst01234\u00e9-00",
        "abcdefghijklmnopqrst01234/-00", "abcdefghijklmnopqrst01234.-00", "abcdefghijklmnopqrst012345_00",
        "abcdefghijklmnopqrst012345-0a", "abcdefghijklmnopqrst01234%-00", "abcdefghijklmnopqrst01234\u0000-00"})
    void refusesAnythingOutsideTheGrammar(String text) {
        ShardStoreException e = assertThrows(ShardStoreException.class, () -> ShardId.parse(text));
        assertEquals(ShardStoreException.Kind.INVALID_ARGUMENT, e.kind());
    }

    @Test
    void refusesIndexOutOfRange() {
        assertThrows(ShardStoreException.class, () -> ShardId.of(SET, 100));
        assertThrows(ShardStoreException.class, () -> ShardId.of(SET, -1));
    }

    @Test
    void shardFilesFanOutUnderTheRoot() {
        Path root = Path.of("/srv/granary/data");
        ShardPaths paths = new ShardPaths(root);
        ShardId id = ShardId.of(SET, 3);
        assertEquals(root.resolve("ab").resolve("cd").resolve(id.value()), paths.shardFile(id));
        assertTrue(paths.tempFile(id).startsWith(root.resolve(ShardPaths.TMP)));
    }
}
