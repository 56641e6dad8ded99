package io.granary.api.iamapi;

/** A refused IAM or STS call, as answered: one {@link IamError} and the message the client sees. Immutable. */
public final class IamApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final IamError error;

    public IamApiException(IamError error, String message) {
        super(message == null ? error.message() : message, null, false, false);
        this.error = error;
    }

    public IamApiException(IamError error, String message, Throwable cause) {
        super(message == null ? error.message() : message, cause, false, false);
        this.error = error;
    }

    public static IamApiException of(IamError error) {
        return new IamApiException(error, null);
    }

    public IamError error() {
        return error;
    }
}
