package io.granary.api.error;

import io.granary.datanode.ShardStoreException;
import io.granary.erasure.TooFewShardsException;
import io.granary.iam.IamException;
import io.granary.iam.KmsException;
import io.granary.iam.checksum.InvalidChecksumException;
import io.granary.iam.policy.MalformedPolicyException;
import io.granary.iam.sigv4.AuthException;
import io.granary.metadata.store.MetadataException;
import io.vertx.core.http.HttpClosedException;
import java.util.Map;

/**
 * The only translation from a failure to the S3 error the client sees. Library exceptions carry
 * their own reason enums; each is mapped with an exhaustive switch expression, so a new reason does
 * not compile until it is mapped here. Anything unrecognised is an {@code InternalError}.
 */
public final class ErrorMapping {

    private ErrorMapping() {
    }

    public static S3Exception toS3(Throwable failure) {
        if (failure instanceof S3Exception s3) return s3;
        if (failure instanceof AuthException auth) return withDetails(of(auth(auth.reason()), auth), auth.details());
        if (failure instanceof MetadataException meta) {
            // The store's messages name internal keys and conditions; clients get S3's own wording.
            S3Error error = metadata(meta.reason());
            return S3Exception.of(error, meta.reason() == MetadataException.Reason.OBJECT_LOCKED
                    ? "Access Denied because object protected by object lock." : error.message(), meta);
        }
        if (failure instanceof ShardStoreException shard) return of(shards(shard.kind()), shard);
        if (failure instanceof IamException iam) return of(iam(iam.reason()), iam);
        if (failure instanceof KmsException kms) return of(kms(kms.reason()), kms);
        if (failure instanceof InvalidChecksumException checksum) {
            return of(checksum.headerName().equalsIgnoreCase("Content-MD5") ? S3Error.INVALID_DIGEST
                    : S3Error.INVALID_REQUEST, checksum);
        }
        if (failure instanceof MalformedPolicyException policy) return of(S3Error.MALFORMED_POLICY, policy);
        if (failure instanceof HttpClosedException) {
            // The client went away mid-request: nobody reads the answer, and it is not our fault to log.
            return S3Exception.of(S3Error.INCOMPLETE_BODY, "The client closed the connection before the request "
                    + "completed.", failure);
        }
        if (failure instanceof TooFewShardsException) {
            return S3Exception.of(S3Error.SERVICE_UNAVAILABLE, "Too few shards are readable right now; please retry.",
                    failure);
        }
        return S3Exception.of(S3Error.INTERNAL_ERROR, S3Error.INTERNAL_ERROR.message(), failure);
    }

    private static S3Error kms(KmsException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> S3Error.KMS_NOT_FOUND;
            case DISABLED -> S3Error.KMS_DISABLED;
            case OTHER_ACCOUNT -> S3Error.ACCESS_DENIED;
            case INVALID_ID -> S3Error.INVALID_ARGUMENT;
        };
    }

    private static S3Error auth(AuthException.Reason reason) {
        return switch (reason) {
            case ACCESS_DENIED -> S3Error.ACCESS_DENIED;
            case INVALID_ACCESS_KEY_ID -> S3Error.INVALID_ACCESS_KEY_ID;
            case SIGNATURE_DOES_NOT_MATCH -> S3Error.SIGNATURE_DOES_NOT_MATCH;
            case AUTHORIZATION_HEADER_MALFORMED -> S3Error.AUTHORIZATION_HEADER_MALFORMED;
            case AUTHORIZATION_QUERY_PARAMETERS_ERROR -> S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
            case REQUEST_TIME_TOO_SKEWED -> S3Error.REQUEST_TIME_TOO_SKEWED;
            case X_AMZ_CONTENT_SHA256_MISMATCH -> S3Error.X_AMZ_CONTENT_SHA256_MISMATCH;
            case MISSING_SECURITY_HEADER -> S3Error.MISSING_SECURITY_HEADER;
            case INCOMPLETE_BODY -> S3Error.INCOMPLETE_BODY;
            case INVALID_REQUEST, INVALID_CHUNK -> S3Error.INVALID_REQUEST;
            case INVALID_ARGUMENT -> S3Error.INVALID_ARGUMENT;
            case MALFORMED_TRAILER -> S3Error.MALFORMED_TRAILER;
        };
    }

    private static S3Error metadata(MetadataException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_BUCKET -> S3Error.NO_SUCH_BUCKET;
            case BUCKET_EXISTS -> S3Error.BUCKET_ALREADY_OWNED_BY_YOU;
            case BUCKET_NOT_EMPTY -> S3Error.BUCKET_NOT_EMPTY;
            case NO_SUCH_KEY -> S3Error.NO_SUCH_KEY;
            case NO_SUCH_VERSION -> S3Error.NO_SUCH_VERSION;
            case DELETE_MARKER -> S3Error.METHOD_NOT_ALLOWED;
            case NO_SUCH_UPLOAD -> S3Error.NO_SUCH_UPLOAD;
            case INVALID_PART -> S3Error.INVALID_PART;
            case INVALID_PART_ORDER -> S3Error.INVALID_PART_ORDER;
            case ENTITY_TOO_SMALL -> S3Error.ENTITY_TOO_SMALL;
            case PRECONDITION_FAILED -> S3Error.PRECONDITION_FAILED;
            case OBJECT_LOCKED -> S3Error.ACCESS_DENIED;
            case CONDITIONAL_CONFLICT -> S3Error.CONDITIONAL_REQUEST_CONFLICT;
            case KEY_TOO_LONG -> S3Error.KEY_TOO_LONG;
            case INVALID_ARGUMENT -> S3Error.INVALID_ARGUMENT;
            case NO_SPACE -> S3Error.SERVICE_UNAVAILABLE;
            case CORRUPT_RECORD, UNSUPPORTED_FORMAT, STORE_IN_USE, STORAGE_ERROR -> S3Error.INTERNAL_ERROR;
        };
    }

    private static S3Error shards(ShardStoreException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND, ALREADY_EXISTS, CORRUPT, INVALID_ARGUMENT, IO_ERROR, FORBIDDEN -> S3Error.INTERNAL_ERROR;
            case NO_SPACE, UNAVAILABLE -> S3Error.SERVICE_UNAVAILABLE;
        };
    }

    private static S3Error iam(IamException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_ENTITY -> S3Error.NO_SUCH_ENTITY;
            case ENTITY_ALREADY_EXISTS -> S3Error.ENTITY_ALREADY_EXISTS;
            case DELETE_CONFLICT -> S3Error.DELETE_CONFLICT;
            case LIMIT_EXCEEDED -> S3Error.LIMIT_EXCEEDED;
            case MALFORMED_POLICY_DOCUMENT -> S3Error.MALFORMED_POLICY_DOCUMENT;
            case VALIDATION_ERROR -> S3Error.VALIDATION_ERROR;
            case INVALID_INPUT -> S3Error.INVALID_INPUT;
            case ACCESS_DENIED -> S3Error.ACCESS_DENIED;
            case EXPIRED_TOKEN -> S3Error.EXPIRED_TOKEN;
            case INVALID_TOKEN -> S3Error.INVALID_TOKEN;
            case SECRET_UNREADABLE, CONFIGURATION -> S3Error.INTERNAL_ERROR;
        };
    }

    /** Internal errors keep the generic message; everything else tells the client what was wrong. */
    private static S3Exception of(S3Error error, Throwable cause) {
        String message = error == S3Error.INTERNAL_ERROR || cause.getMessage() == null ? error.message()
                : cause.getMessage();
        return S3Exception.of(error, message, cause);
    }

    private static S3Exception withDetails(S3Exception error, Map<String, String> details) {
        S3Exception out = error;
        for (Map.Entry<String, String> detail : details.entrySet()) {
            out = out.with(detail.getKey(), detail.getValue());
        }
        return out;
    }
}
