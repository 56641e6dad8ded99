package io.granary.metadata.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of an object (the current one in the objects family, older ones in versions).
 * {@code versionId} is {@code "null"} for unversioned buckets and writes while versioning is
 * suspended, as S3 reports it. Maps and lists are copied and never null; {@code headers} is never
 * null (use {@link ContentHeaders#none()}). Times are epoch milliseconds. {@code storageClass} is the
 * class the client named, null for STANDARD (records written before it existed decode as STANDARD).
 * {@code acl} is the object's owner and ACL; null (records of format version 1) means the bucket owner owns
 * it with FULL_CONTROL. {@code lock} is its retention and legal hold; null (before format version 3) is none.
 */
public record ObjectRecord(String key, String versionId, long size, String etag, ContentHeaders headers,
                           Map<String, String> userMetadata, Map<String, String> tags,
                           List<Checksum> checksums, long lastModifiedMillis, ObjectLayout layout,
                           String storageClass, Acl acl, ObjectLock lock) {

    /** Version 2 added the ACL, version 3 the object lock, version 4 sealed (encrypted) part layouts. */
    public static final int FORMAT_VERSION = 4;

    /** The version id of objects in buckets without versioning. */
    public static final String NULL_VERSION = "null";

    /** The default storage class, stored as null. */
    public static final String STANDARD = "STANDARD";

    public ObjectRecord {
        headers = headers == null ? ContentHeaders.none() : headers;
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
        // Tags keep the order the client gave them (S3 returns them so); Map.copyOf would not.
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        checksums = checksums == null ? List.of() : List.copyOf(checksums);
        storageClass = STANDARD.equals(storageClass) ? null : storageClass;
        lock = ObjectLock.NONE.equals(lock) ? null : lock;
    }

    /** A record without a lock. */
    public ObjectRecord(String key, String versionId, long size, String etag, ContentHeaders headers,
                        Map<String, String> userMetadata, Map<String, String> tags, List<Checksum> checksums,
                        long lastModifiedMillis, ObjectLayout layout, String storageClass, Acl acl) {
        this(key, versionId, size, etag, headers, userMetadata, tags, checksums, lastModifiedMillis, layout,
                storageClass, acl, null);
    }

    /** A record without an ACL of its own (the bucket owner's FULL_CONTROL). */
    public ObjectRecord(String key, String versionId, long size, String etag, ContentHeaders headers,
                        Map<String, String> userMetadata, Map<String, String> tags, List<Checksum> checksums,
                        long lastModifiedMillis, ObjectLayout layout, String storageClass) {
        this(key, versionId, size, etag, headers, userMetadata, tags, checksums, lastModifiedMillis, layout,
                storageClass, null);
    }

    /** A STANDARD-class record. */
    public ObjectRecord(String key, String versionId, long size, String etag, ContentHeaders headers,
                        Map<String, String> userMetadata, Map<String, String> tags, List<Checksum> checksums,
                        long lastModifiedMillis, ObjectLayout layout) {
        this(key, versionId, size, etag, headers, userMetadata, tags, checksums, lastModifiedMillis, layout, null);
    }

    /** The server-side encryption of the object's bytes at rest (every part has the same), null when in clear. */
    public Encryption encryption() {
        List<PartLayout> parts = layout == null ? List.of() : layout.parts();
        return parts.isEmpty() || parts.get(0).sealing() == null ? null : parts.get(0).sealing().encryption();
    }

    /** This record with a different tag set (PutObjectTagging). */
    public ObjectRecord withTags(Map<String, String> newTags) {
        return new ObjectRecord(key, versionId, size, etag, headers, userMetadata, newTags, checksums,
                lastModifiedMillis, layout, storageClass, acl, lock);
    }

    /** This record with replaced headers and user metadata (copy onto itself). */
    public ObjectRecord withMetadata(ContentHeaders newHeaders, Map<String, String> newUserMetadata,
                                     long newLastModifiedMillis) {
        return new ObjectRecord(key, versionId, size, etag, newHeaders, newUserMetadata, tags, checksums,
                newLastModifiedMillis, layout, storageClass, acl, lock);
    }

    /** This record with a different layout (a shard re-pointed by heal). */
    public ObjectRecord withLayout(ObjectLayout newLayout) {
        return new ObjectRecord(key, versionId, size, etag, headers, userMetadata, tags, checksums,
                lastModifiedMillis, newLayout, storageClass, acl, lock);
    }

    /** This record in storage class {@code newStorageClass} (null or STANDARD for the default). */
    public ObjectRecord withStorageClass(String newStorageClass) {
        return new ObjectRecord(key, versionId, size, etag, headers, userMetadata, tags, checksums,
                lastModifiedMillis, layout, newStorageClass, acl, lock);
    }

    /** This record with another owner and ACL (PutObjectAcl, or the ACL a write asked for). */
    public ObjectRecord withAcl(Acl newAcl) {
        return new ObjectRecord(key, versionId, size, etag, headers, userMetadata, tags, checksums,
                lastModifiedMillis, layout, storageClass, newAcl, lock);
    }

    /** This record as version {@code newVersionId} (assigned by the store when it commits). */
    public ObjectRecord withVersionId(String newVersionId) {
        return new ObjectRecord(key, newVersionId, size, etag, headers, userMetadata, tags, checksums,
                lastModifiedMillis, layout, storageClass, acl, lock);
    }

    /** This record with another retention or legal hold (the store checks the change). */
    public ObjectRecord withLock(ObjectLock newLock) {
        return new ObjectRecord(key, versionId, size, etag, headers, userMetadata, tags, checksums,
                lastModifiedMillis, layout, storageClass, acl, newLock);
    }
}
