package io.granary.metadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.records.VersionedJsonCodec;
import java.io.IOException;
import java.util.List;

/**
 * Database format 2 to 3: the {@code iam} and {@code cluster} families held their owners' bare JSON; since
 * format 3 every value there is framed like every other family's ({@code VersionedJsonCodec}: a format-version
 * byte, then JSON). A bare value keeps its bytes behind the version it was written in: its own
 * {@code formatVersion} field (IAM records carried one), else 1.
 */
final class UnframedRecordUpgrade {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_VERSION = 255;

    private UnframedRecordUpgrade() {
    }

    /** Adds the rewrite of every bare value to {@code batch}; returns how many there were. */
    static int frame(Database database, Batch batch) {
        int framed = 0;
        for (Schema.Family<byte[]> family : List.of(Schema.IAM, Schema.CLUSTER)) {
            Table<byte[]> table = database.table(family);
            try (Cursor<byte[]> cursor = table.scan(new byte[0], Keys.END)) {
                for (; cursor.valid(); cursor.next()) {
                    byte[] value = cursor.value();
                    if (!isBareJson(value)) continue;
                    table.put(batch, cursor.key(), VersionedJsonCodec.frame(versionOf(value), value));
                    framed++;
                }
            }
        }
        return framed;
    }

    static boolean isBareJson(byte[] value) {
        return value.length > 0 && value[0] == '{';
    }

    private static int versionOf(byte[] json) {
        try {
            int version = JSON.readTree(json).path("formatVersion").asInt(1);
            return version >= 1 && version <= MAX_VERSION ? version : 1;
        } catch (IOException e) {
            return 1;
        }
    }
}
