package io.granary.api.acl;

import io.granary.metadata.model.BucketRecord;
import java.util.Arrays;
import java.util.Optional;

/**
 * A bucket's ownership controls rule. A bucket without one behaves as {@link #OBJECT_WRITER}: ACLs are enabled
 * and the writing account owns what it writes (AWS's default before April 2023; issue 15 asks for ACLs
 * enabled by default).
 */
public enum ObjectOwnership {
    /** ACLs are disabled; the bucket owner owns every object. */
    BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"),
    /** The bucket owner owns objects written with {@code bucket-owner-full-control}; otherwise the writer. */
    BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
    /** The writing account owns the object. */
    OBJECT_WRITER("ObjectWriter");

    private final String wireName;

    ObjectOwnership(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The rule named {@code name} as S3 spells it, if it is one. */
    public static Optional<ObjectOwnership> parse(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }

    /** The rule in force on {@code bucket} (ObjectWriter when none was set). */
    public static ObjectOwnership of(BucketRecord bucket) {
        return parse(bucket.objectOwnership()).orElse(OBJECT_WRITER);
    }

    /** Whether the rule in force on {@code bucket} leaves ACLs enabled. */
    public static boolean aclsEnabled(BucketRecord bucket) {
        return of(bucket) != BUCKET_OWNER_ENFORCED;
    }
}
