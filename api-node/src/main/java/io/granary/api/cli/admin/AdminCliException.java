package io.granary.api.cli.admin;

/** Why an admin command could not do its job, in one line for the operator (no stack trace). */
final class AdminCliException extends Exception {
    private static final long serialVersionUID = 1L;

    AdminCliException(String message) {
        super(message, null, false, false);
    }
}
