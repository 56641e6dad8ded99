package io.granary.api.iamapi;

import io.granary.api.error.S3Exception;
import io.granary.iam.IamException;
import io.granary.iam.policy.MalformedPolicyException;
import io.granary.iam.sigv4.AuthException;

/**
 * The only translation of failures into the IAM/STS error table, as {@code ErrorMapping} is for S3:
 * one switch expression per library reason enum, without {@code default}, so a new reason does not
 * compile until it is mapped. Anything else is {@code ServiceFailure}.
 */
final class QueryErrors {

    private QueryErrors() {
    }

    static IamApiException toQuery(Throwable failure) {
        if (failure instanceof IamApiException api) return api;
        if (failure instanceof IamException iam) return of(iam(iam.reason()), iam);
        if (failure instanceof AuthException auth) return of(auth(auth.reason()), auth);
        if (failure instanceof MalformedPolicyException malformed) {
            return of(IamError.MALFORMED_POLICY_DOCUMENT, malformed);
        }
        // The HTTP layer's refusals (a malformed chunked body, a limit) are the client's, or a busy server's.
        if (failure instanceof S3Exception http && http.error().status() < 500) {
            return new IamApiException(IamError.INVALID_INPUT, http.getMessage(), http);
        }
        if (failure instanceof S3Exception http && http.error().status() == 503) {
            return new IamApiException(IamError.SERVICE_UNAVAILABLE, null, http);
        }
        return new IamApiException(IamError.SERVICE_FAILURE, null, failure);
    }

    private static IamError iam(IamException.Reason reason) {
        return switch (reason) {
            case NO_SUCH_ENTITY -> IamError.NO_SUCH_ENTITY;
            case ENTITY_ALREADY_EXISTS -> IamError.ENTITY_ALREADY_EXISTS;
            case DELETE_CONFLICT -> IamError.DELETE_CONFLICT;
            case LIMIT_EXCEEDED -> IamError.LIMIT_EXCEEDED;
            case MALFORMED_POLICY_DOCUMENT -> IamError.MALFORMED_POLICY_DOCUMENT;
            case VALIDATION_ERROR -> IamError.VALIDATION_ERROR;
            case INVALID_INPUT -> IamError.INVALID_INPUT;
            case ACCESS_DENIED -> IamError.ACCESS_DENIED;
            case EXPIRED_TOKEN -> IamError.EXPIRED_TOKEN;
            case INVALID_TOKEN -> IamError.INVALID_CLIENT_TOKEN_ID;
            case SECRET_UNREADABLE, CONFIGURATION -> IamError.SERVICE_FAILURE;
        };
    }

    /** Signature failures as IAM answers them (it has no S3-style AuthorizationHeaderMalformed). */
    private static IamError auth(AuthException.Reason reason) {
        return switch (reason) {
            case INVALID_ACCESS_KEY_ID -> IamError.INVALID_CLIENT_TOKEN_ID;
            case SIGNATURE_DOES_NOT_MATCH, REQUEST_TIME_TOO_SKEWED, X_AMZ_CONTENT_SHA256_MISMATCH ->
                    IamError.SIGNATURE_DOES_NOT_MATCH;
            case ACCESS_DENIED, MISSING_SECURITY_HEADER -> IamError.MISSING_AUTHENTICATION_TOKEN;
            case AUTHORIZATION_HEADER_MALFORMED, AUTHORIZATION_QUERY_PARAMETERS_ERROR, INVALID_ARGUMENT,
                    INVALID_REQUEST -> IamError.INCOMPLETE_SIGNATURE;
            case INCOMPLETE_BODY, INVALID_CHUNK, MALFORMED_TRAILER -> IamError.VALIDATION_ERROR;
        };
    }

    /** Internal failures keep the generic message; everything else tells the client what was wrong. */
    private static IamApiException of(IamError error, Throwable cause) {
        String message = error == IamError.SERVICE_FAILURE ? null : cause.getMessage();
        return new IamApiException(error, message, cause);
    }
}
