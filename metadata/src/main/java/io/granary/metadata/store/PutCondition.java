package io.granary.metadata.store;

import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.MetadataException.Reason;

/**
 * The precondition of an object write, checked under the key's lock so exactly one of several
 * racing conditional writers wins: none, If-None-Match: * (absent), or If-Match (current ETag; a missing
 * key is NO_SUCH_KEY, as in S3).
 */
public record PutCondition(Kind kind, String etag) {

    /** Which precondition. */
    public enum Kind {
        NONE,
        IF_ABSENT,
        IF_MATCH
    }

    public static PutCondition none() {
        return new PutCondition(Kind.NONE, null);
    }

    public static PutCondition ifAbsent() {
        return new PutCondition(Kind.IF_ABSENT, null);
    }

    public static PutCondition ifMatch(String etag) {
        return new PutCondition(Kind.IF_MATCH, etag);
    }

    void check(String key, ObjectRecord current) {
        // S3 answers If-Match on a missing key with 404, not 412: there is no ETag to compare against.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
        if (kind == Kind.IF_MATCH && current == null) {
            throw new MetadataException(Reason.NO_SUCH_KEY, "The specified key does not exist.");
        }
        boolean holds = switch (kind) {
            case NONE -> true;
            case IF_ABSENT -> current == null;
            case IF_MATCH -> Etags.same(etag, current.etag());
        };
        if (!holds) throw new MetadataException(Reason.PRECONDITION_FAILED, kind + " does not hold for " + key);
    }
}
