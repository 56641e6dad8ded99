package io.granary.api.admin;

/**
 * An admin API refusal that has no S3 counterpart: its wire code (a literal, like S3's) and HTTP status.
 * S3-level failures (signatures, access) keep their S3 codes; {@link AdminResponses} maps both.
 */
public final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    public AdminException(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    static AdminException noSuchOperation(String path) {
        return new AdminException("NoSuchAdminOperation", 404, "There is no admin operation at " + path + ".");
    }

    static AdminException notAvailable(String what) {
        return new AdminException("NotAvailable", 503, what + " is not available on this server.");
    }

    static AdminException invalidArgument(String message) {
        return new AdminException("InvalidArgument", 400, message);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
