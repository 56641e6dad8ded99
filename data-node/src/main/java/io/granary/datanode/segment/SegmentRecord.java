package io.granary.datanode.segment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The one codec of a segment record: a fixed {@value #HEADER_SIZE}-byte header followed by the payload.
 * Header (big-endian): magic {@code GSEG} (4), format version (1), kind (1), reserved (2), shard id in
 * ASCII (29), reserved (3), payload length (8), commit time in epoch millis (8), payload CRC32C (4), and
 * the CRC32C of header bytes 0-59 (4). A PUT's payload is the shard's frames (which keep their own
 * CRCs); a DELETE tombstone's is the segment and offset of the PUT it kills (16 bytes), so replay and
 * compaction know exactly which record it ends.
 */
public final class SegmentRecord {
    public static final int HEADER_SIZE = 64;
    static final int MAGIC = 0x47534547;
    static final byte VERSION = 1;
    static final int ID_LENGTH = 29;
    static final int TOMBSTONE_PAYLOAD = 16;
    private static final int LENGTH_AT = 40;
    private static final int COMMIT_AT = 48;
    private static final int PAYLOAD_CRC_AT = 56;
    private static final int HEADER_CRC_AT = 60;

    /** What a record says. */
    public enum Kind {
        PUT(1), DELETE(2);

        final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }

        static Kind of(byte code) {
            for (Kind kind : values()) {
                if (kind.code == code) return kind;
            }
            return null;
        }
    }

    /** A decoded header. */
    public record Header(Kind kind, String shardId, long payloadLength, long committedMillis, int payloadCrc) {
        long recordLength() {
            return HEADER_SIZE + payloadLength;
        }
    }

    private SegmentRecord() {
    }

    /** Writes a header for {@code payload} (not moved) into {@code out}. */
    static void writeHeader(ByteBuffer out, Kind kind, String shardId, ByteBuffer payload, long committedMillis) {
        int start = out.position();
        out.putInt(MAGIC).put(VERSION).put(kind.code).putShort((short) 0);
        byte[] id = shardId.getBytes(StandardCharsets.US_ASCII);
        if (id.length != ID_LENGTH) throw new IllegalArgumentException("shard id of " + id.length + " bytes");
        out.put(id).put(new byte[3]);
        out.putLong(payload.remaining()).putLong(committedMillis).putInt(crc(payload.duplicate()));
        out.putInt(crc(out.duplicate().position(start).limit(start + HEADER_CRC_AT)));
    }

    /** The payload of a tombstone killing the PUT at {@code segment}/{@code offset}. */
    static ByteBuffer tombstone(long segment, long offset) {
        return ByteBuffer.allocate(TOMBSTONE_PAYLOAD).putLong(segment).putLong(offset).flip();
    }

    /**
     * Decodes the header at {@code header}'s position ({@value #HEADER_SIZE} bytes available), or null
     * if the magic, version, kind or header CRC is wrong: a torn or foreign record.
     */
    static Header readHeader(ByteBuffer header) {
        int start = header.position();
        if (header.getInt(start) != MAGIC || header.get(start + 4) != VERSION) return null;
        int expected = header.getInt(start + HEADER_CRC_AT);
        if (crc(header.duplicate().limit(start + HEADER_CRC_AT)) != expected) return null;
        Kind kind = Kind.of(header.get(start + 5));
        long length = header.getLong(start + LENGTH_AT);
        if (kind == null || length < 0) return null;
        byte[] id = new byte[ID_LENGTH];
        header.duplicate().position(start + 8).get(id);
        return new Header(kind, new String(id, StandardCharsets.US_ASCII), length,
                header.getLong(start + COMMIT_AT), header.getInt(start + PAYLOAD_CRC_AT));
    }

    static int crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
