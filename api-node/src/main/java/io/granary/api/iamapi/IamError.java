package io.granary.api.iamapi;

/**
 * Every error the IAM and STS Query endpoint answers, in one table (as {@code S3Error} is for S3): the
 * wire code as AWS spells it, the HTTP status, the {@code <Type>} ({@code Sender} for the caller's
 * fault, {@code Receiver} for ours) and the default message.
 */
public enum IamError {
    ACCESS_DENIED("AccessDenied", 403, "User is not authorized to perform this action."),
    DELETE_CONFLICT("DeleteConflict", 409, "The entity is still in use and cannot be deleted."),
    ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, "The entity already exists."),
    EXPIRED_TOKEN("ExpiredToken", 403, "The security token included in the request is expired"),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "The request signature does not conform to AWS standards."),
    INVALID_ACTION("InvalidAction", 400, "The action or operation requested is invalid."),
    INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, "The security token included in the request is invalid."),
    INVALID_INPUT("InvalidInput", 400, "The input is not valid."),
    LIMIT_EXCEEDED("LimitExceeded", 409, "The request was rejected because it attempted to create resources "
            + "beyond the current AWS account limits."),
    MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, "The policy document is malformed."),
    MISSING_ACTION("MissingAction", 400, "The request is missing an action or a required parameter."),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
    NO_SUCH_ENTITY("NoSuchEntity", 404, "The request was rejected because it referenced an entity that does not "
            + "exist."),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLarge", 413, "Request body is too large."),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the "
            + "server."),
    SERVICE_FAILURE("ServiceFailure", 500, "The request processing has failed because of an unknown error, "
            + "exception or failure."),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403, "The request signature we calculated does not match "
            + "the signature you provided. Check your AWS Secret Access Key and signing method."),
    VALIDATION_ERROR("ValidationError", 400, "The input fails to satisfy the constraints specified by an AWS "
            + "service.");

    private final String code;
    private final int status;
    private final String message;

    IamError(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** {@code Receiver} for failures on our side, {@code Sender} for everything the caller can fix. */
    public String type() {
        return status >= 500 ? "Receiver" : "Sender";
    }
}
