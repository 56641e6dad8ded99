package io.granary.metadata.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bucket. {@code id} is assigned once at creation and never reused, and prefixes every object
 * and upload key of the bucket, so a deleted and re-created bucket never sees old keys.
 * {@code ownerAccountId} is the account that created it, or null for buckets from before accounts
 * (format version 1), which belong to the first (system) account. {@code policy} is the bucket
 * policy JSON, or null when none is set. {@code acl} is the bucket ACL (null: the owner's FULL_CONTROL),
 * {@code objectOwnership} the ownership controls rule ({@code BucketOwnerEnforced}, {@code BucketOwnerPreferred},
 * {@code ObjectWriter}; null when never set, which behaves as {@code ObjectWriter}),
 * {@code publicAccessBlock} the public access block (null when never set), {@code cors} the CORS rules in
 * order (null when none are set) and {@code tags} the bucket's tags in the order given (null when none are
 * set). Version 2 records have none of these and decode with nulls. {@code versioning} is
 * {@link #VERSIONING_ENABLED}, {@link #VERSIONING_SUSPENDED} or null for a bucket whose versioning was never
 * enabled (records before version 4). {@code objectLock} is the object lock configuration, null while object
 * lock is not enabled, and {@code lifecycle} the lifecycle rules in order, null when none are set (both absent
 * before version 5). {@code encryption} is the default server-side encryption of new objects, null when none
 * is set (before version 6). {@code notifications} are the bucket's event notification rules in order, null when
 * none are set (before version 7).
 */
public record BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
        String policy, Acl acl, String objectOwnership, PublicAccessBlock publicAccessBlock, List<CorsRule> cors,
        Map<String, String> tags, String versioning, ObjectLockConfiguration objectLock,
        List<LifecycleRule> lifecycle, DefaultEncryption encryption, List<NotificationRule> notifications) {
    /**
     * Version 2 replaced v1's {@code owner} (always the single root's canonical id) by {@code ownerAccountId};
     * version 3 added the ACL, ownership controls, public access block, CORS rules and tags; version 4 the
     * versioning state, version 5 the object lock configuration and the lifecycle rules, version 6 the
     * default encryption, version 7 the notification rules.
     */
    public static final int FORMAT_VERSION = 7;
    public static final String VERSIONING_ENABLED = "Enabled";
    public static final String VERSIONING_SUSPENDED = "Suspended";

    public BucketRecord {
        cors = cors == null ? null : List.copyOf(cors);
        tags = tags == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        lifecycle = lifecycle == null ? null : List.copyOf(lifecycle);
        notifications = notifications == null || notifications.isEmpty() ? null : List.copyOf(notifications);
    }

    /** A bucket without object lock. */
    public BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
            String policy, Acl acl, String objectOwnership, PublicAccessBlock publicAccessBlock, List<CorsRule> cors,
            Map<String, String> tags, String versioning) {
        this(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership, publicAccessBlock, cors,
                tags, versioning, null, null, null, null);
    }

    /** A bucket whose versioning was never enabled. */
    public BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
            String policy, Acl acl, String objectOwnership, PublicAccessBlock publicAccessBlock, List<CorsRule> cors,
            Map<String, String> tags) {
        this(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership, publicAccessBlock, cors,
                tags, null);
    }

    /** A bucket with none of the optional configurations. */
    public BucketRecord(String name, long id, String ownerAccountId, long createdMillis, String region,
            String policy) {
        this(name, id, ownerAccountId, createdMillis, region, policy, null, null, null, null, null);
    }

    /** This bucket with another policy (null removes it). */
    public BucketRecord withPolicy(String newPolicy) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, newPolicy, acl, objectOwnership,
                publicAccessBlock, cors, tags, versioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with another ACL. */
    public BucketRecord withAcl(Acl newAcl) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, newAcl, objectOwnership,
                publicAccessBlock, cors, tags, versioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with another ownership rule (null removes the ownership controls). */
    public BucketRecord withObjectOwnership(String newObjectOwnership) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, newObjectOwnership,
                publicAccessBlock, cors, tags, versioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with another public access block (null removes it). */
    public BucketRecord withPublicAccessBlock(PublicAccessBlock newBlock) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                newBlock, cors, tags, versioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with other CORS rules (null removes them). */
    public BucketRecord withCors(List<CorsRule> rules) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, rules, tags, versioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with other tags (null removes them). */
    public BucketRecord withTags(Map<String, String> newTags) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, cors, newTags, versioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with another versioning state (Enabled or Suspended). */
    public BucketRecord withVersioning(String newVersioning) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, cors, tags, newVersioning, objectLock, lifecycle, encryption, notifications);
    }

    /** This bucket with object lock enabled and {@code configuration}'s default retention. */
    public BucketRecord withObjectLock(ObjectLockConfiguration configuration) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, cors, tags, versioning, configuration, lifecycle, encryption, notifications);
    }

    /** This bucket with other lifecycle rules (null removes them). */
    public BucketRecord withLifecycle(List<LifecycleRule> rules) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, cors, tags, versioning, objectLock, rules, encryption, notifications);
    }

    /** This bucket with another default encryption (null removes it). */
    public BucketRecord withEncryption(DefaultEncryption newEncryption) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, cors, tags, versioning, objectLock, lifecycle, newEncryption, notifications);
    }

    /** This bucket with other notification rules (null or empty removes them). */
    public BucketRecord withNotifications(List<NotificationRule> rules) {
        return new BucketRecord(name, id, ownerAccountId, createdMillis, region, policy, acl, objectOwnership,
                publicAccessBlock, cors, tags, versioning, objectLock, lifecycle, encryption, rules);
    }

    public boolean objectLockEnabled() {
        return objectLock != null;
    }

    /** Whether versioning was ever enabled: objects then keep their versions. */
    public boolean versioned() {
        return versioning != null;
    }
}
