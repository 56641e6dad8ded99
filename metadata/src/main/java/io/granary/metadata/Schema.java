package io.granary.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.granary.metadata.model.BucketRecord;
import io.granary.metadata.model.CompletedUpload;
import io.granary.metadata.model.DeadEvent;
import io.granary.metadata.model.GarbageTask;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.ObjectEvent;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.model.PartRecord;
import io.granary.metadata.model.ShardOwner;
import io.granary.metadata.model.UploadRecord;
import io.granary.metadata.model.VersionRecord;
import io.granary.records.Codec;
import io.granary.records.VersionedJsonCodec;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Every column family of the metadata database, its key layout and its value codec, in one
 * place (Ozone's {@code OMDBDefinition}). {@code id8} is a big-endian 8-byte bucket id,
 * {@code key} the object key's UTF-8 bytes (1..1024, no 0x00), {@code upload} the 32-byte ASCII
 * upload id, {@code seq8} a big-endian 8-byte sequence, {@code inv8} a version's stamp subtracted from
 * {@code Long.MAX_VALUE} (big-endian, so a key's newest version sorts first). Bytewise key order is S3 listing
 * order. The objects family holds each key's current version when that is an object, so GET of the latest is one
 * point read; versions holds every older version and every delete marker.
 *
 * <table>
 * <caption>Column families</caption>
 * <tr><th>family</th><th>key</th><th>value</th><th>use</th></tr>
 * <tr><td>buckets</td><td>bucket name (UTF-8)</td><td>{@link BucketRecord} v7</td><td>point, list all</td></tr>
 * <tr><td>objects</td><td>id8 key</td><td>{@link ObjectRecord} v3</td><td>point, ordered listing</td></tr>
 * <tr><td>versions</td><td>id8 key 0x00 inv8</td><td>{@link VersionRecord} v2</td>
 *     <td>by version id, ListObjectVersions</td></tr>
 * <tr><td>uploads</td><td>id8 key 0x00 upload</td><td>{@link UploadRecord} v3</td>
 *     <td>point, ListMultipartUploads</td></tr>
 * <tr><td>parts</td><td>id8 key 0x00 upload part4</td><td>{@link PartRecord} v1</td><td>ListParts, complete</td></tr>
 * <tr><td>completed</td><td>upload</td><td>{@link CompletedUpload} v1</td><td>idempotent complete</td></tr>
 * <tr><td>shard_index</td><td>shard-set id (UTF-8)</td><td>{@link ShardOwner} v1</td><td>orphan GC lookups</td></tr>
 * <tr><td>heal_queue</td><td>seq8</td><td>{@link HealTask} v1</td><td>FIFO of shards to rebuild</td></tr>
 * <tr><td>garbage_queue</td><td>seq8</td><td>{@link GarbageTask} v1</td><td>FIFO of shard sets to delete</td></tr>
 * <tr><td>event_outbox</td><td>target ARN (UTF-8) 0x00 seq8</td><td>{@link ObjectEvent} v1</td>
 *     <td>each webhook target's events in commit order</td></tr>
 * <tr><td>event_dead</td><td>target ARN (UTF-8) 0x00 seq8</td><td>{@link DeadEvent} v1</td>
 *     <td>events their target did not take in time</td></tr>
 * <tr><td>iam</td><td>record name (UTF-8)</td><td>accounts, users, keys, policies, groups, roles; kinds and
 *     versions owned by the iam module's {@code RecordCodec}</td><td>identity store</td></tr>
 * <tr><td>cluster</td><td>record name (UTF-8)</td><td>kinds and versions owned by the api-node's
 *     {@code ClusterRecord}</td><td>data-node membership, heal and lifecycle checkpoints</td></tr>
 * <tr><td>system</td><td>name (UTF-8)</td><td>8-byte big-endian long</td>
 *     <td>{@code format-version}, {@code next-bucket-id}</td></tr>
 * </table>
 *
 * <p>Every value but {@code system}'s is one format-version byte and JSON ({@link VersionedJsonCodec}).
 */
public final class Schema {

    /** Format of the database as a whole; a database with another value is refused at open. */
    public static final long DB_FORMAT_VERSION = 3;
    /**
     * Format 1 had no versions family: it opens unchanged (the family starts empty). Formats 1 and 2 kept bare
     * JSON in the iam and cluster families: opening frames it ({@link UnframedRecordUpgrade}) and marks the
     * database 3, in one batch.
     */
    public static final long DB_FORMAT_OLDEST_UPGRADABLE = 1;
    public static final String FORMAT_VERSION_KEY = "format-version";
    public static final String NEXT_BUCKET_ID_KEY = "next-bucket-id";
    public static final int UPLOAD_ID_LENGTH = 32;
    private static final int BUCKET_ID_LENGTH = Long.BYTES;

    /** A column family: its RocksDB name, its codec, and whether point lookups justify a bloom filter. */
    public record Family<V>(String name, Codec<V> codec, boolean pointLookups) {
    }

    public static final Family<BucketRecord> BUCKETS = new Family<>("buckets", new VersionedJsonCodec<>(
            BucketRecord.class, BucketRecord.FORMAT_VERSION, Map.of(1, Schema::bucketV1ToV2, 2, Schema::addedFields,
            3, Schema::addedFields, 4, Schema::addedFields, 5, Schema::addedFields, 6, Schema::addedFields)), true);
    public static final Family<ObjectRecord> OBJECTS = new Family<>("objects", new VersionedJsonCodec<>(
            ObjectRecord.class, ObjectRecord.FORMAT_VERSION, Map.of(1, Schema::addedFields, 2, Schema::addedFields,
            3, Schema::addedFields)), true);
    public static final Family<VersionRecord> VERSIONS = new Family<>("versions", new VersionedJsonCodec<>(
            VersionRecord.class, VersionRecord.FORMAT_VERSION, Map.of(1, Schema::addedFields, 2, Schema::addedFields)),
            true);
    public static final Family<UploadRecord> UPLOADS = new Family<>("uploads", new VersionedJsonCodec<>(
            UploadRecord.class, UploadRecord.FORMAT_VERSION, Map.of(1, Schema::addedFields, 2, Schema::addedFields,
            3, Schema::addedFields)), true);
    public static final Family<PartRecord> PARTS = new Family<>("parts", new VersionedJsonCodec<>(PartRecord.class,
            PartRecord.FORMAT_VERSION, Map.of(1, Schema::addedFields)), true);
    public static final Family<CompletedUpload> COMPLETED = versioned("completed", CompletedUpload.class, true);
    public static final Family<ShardOwner> SHARD_INDEX = versioned("shard_index", ShardOwner.class, true);
    public static final Family<HealTask> HEAL_QUEUE = versioned("heal_queue", HealTask.class, false);
    public static final Family<GarbageTask> GARBAGE_QUEUE = versioned("garbage_queue", GarbageTask.class, false);
    public static final Family<ObjectEvent> EVENT_OUTBOX = versioned("event_outbox", ObjectEvent.class, false);
    public static final Family<DeadEvent> EVENT_DEAD = versioned("event_dead", DeadEvent.class, false);
    public static final Family<byte[]> IAM = new Family<>("iam", new FramedCodec(), true);
    public static final Family<byte[]> CLUSTER = new Family<>("cluster", new FramedCodec(), true);
    public static final Family<Long> SYSTEM = new Family<>("system", new LongCodec(), true);

    public static final List<Family<?>> ALL = List.of(BUCKETS, OBJECTS, VERSIONS, UPLOADS, PARTS, COMPLETED,
            SHARD_INDEX, HEAL_QUEUE, GARBAGE_QUEUE, EVENT_OUTBOX, EVENT_DEAD, IAM, CLUSTER, SYSTEM);

    private Schema() {
    }

    /** v1's {@code owner} was the one root's canonical id: such buckets belong to the system account (null). */
    private static JsonNode bucketV1ToV2(JsonNode v1) {
        ((ObjectNode) v1).remove("owner");
        return v1;
    }

    /**
     * An upgrade that only added optional fields (the ACL, ownership controls, public access block): the old
     * JSON reads as the new record with those absent (null), which means the owner's FULL_CONTROL and no
     * configuration.
     */
    private static JsonNode addedFields(JsonNode old) {
        return old;
    }

    private static <V> Family<V> versioned(String name, Class<V> type, boolean pointLookups) {
        return new Family<>(name, VersionedJsonCodec.v1(type), pointLookups);
    }

    /** The prefix of every objects/uploads/parts key of one bucket. */
    public static byte[] bucketPrefix(long bucketId) {
        return Keys.longKey(bucketId);
    }

    public static byte[] objectKey(long bucketId, byte[] key) {
        return Keys.concat(bucketPrefix(bucketId), key);
    }

    /** The object key inside an objects key. */
    public static String objectName(byte[] rawKey) {
        return Keys.utf8(rawKey, BUCKET_ID_LENGTH, rawKey.length);
    }

    public static long bucketIdOf(byte[] rawKey) {
        return Keys.readLong(rawKey, 0);
    }

    /** The prefix of every versions key of object {@code key}. */
    public static byte[] versionPrefix(long bucketId, byte[] key) {
        return Keys.concat(bucketPrefix(bucketId), key, new byte[] {0});
    }

    /** The versions key of the version with {@code stamp}: newer stamps sort first. */
    public static byte[] versionKey(long bucketId, byte[] key, long stamp) {
        return Keys.concat(versionPrefix(bucketId, key), Keys.longKey(Long.MAX_VALUE - stamp));
    }

    /** Where the object key ends inside a versions key. */
    public static int versionKeyEnd(byte[] rawVersionKey) {
        return rawVersionKey.length - Long.BYTES - 1;
    }

    /** The stamp inside a versions key. */
    public static long versionStamp(byte[] rawVersionKey) {
        return Long.MAX_VALUE - Keys.readLong(rawVersionKey, rawVersionKey.length - Long.BYTES);
    }

    /** The uploads key; also the prefix of the upload's part keys. */
    public static byte[] uploadKey(long bucketId, byte[] key, String uploadId) {
        return Keys.concat(bucketPrefix(bucketId), key, new byte[] {0}, Keys.utf8(uploadId));
    }

    /** Where the object key ends inside an uploads key. */
    public static int uploadKeyEnd(byte[] rawUploadKey) {
        return rawUploadKey.length - UPLOAD_ID_LENGTH - 1;
    }

    public static byte[] partKey(byte[] uploadKey, int partNumber) {
        return Keys.concat(uploadKey, ByteBuffer.allocate(Integer.BYTES).putInt(partNumber).array());
    }

    /** The object key inside a parts key. */
    public static String partObjectName(byte[] rawPartKey) {
        return Keys.utf8(rawPartKey, BUCKET_ID_LENGTH, rawPartKey.length - Integer.BYTES - UPLOAD_ID_LENGTH - 1);
    }

    /** The upload id inside a parts key. */
    public static String partUploadId(byte[] rawPartKey) {
        int end = rawPartKey.length - Integer.BYTES;
        return Keys.utf8(rawPartKey, end - UPLOAD_ID_LENGTH, end);
    }

    /**
     * Values another module encoded with {@link VersionedJsonCodec} (it owns their kinds and versions): stored as
     * they are, refusing bare JSON so that no owner writes an unversioned value.
     */
    private static final class FramedCodec implements Codec<byte[]> {
        @Override
        public byte[] encode(byte[] value) {
            if (VersionedJsonCodec.storedVersion(value) < 1 || UnframedRecordUpgrade.isBareJson(value)) {
                throw new IllegalArgumentException("not a VersionedJsonCodec value");
            }
            return value.clone();
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    }

    /** A big-endian 8-byte long. */
    private static final class LongCodec implements Codec<Long> {
        @Override
        public byte[] encode(Long value) {
            return Keys.longKey(value);
        }

        @Override
        public Long decode(byte[] bytes) {
            if (bytes.length != Long.BYTES) throw new IllegalArgumentException(bytes.length + " bytes, expected 8");
            return Keys.readLong(bytes, 0);
        }
    }
}
