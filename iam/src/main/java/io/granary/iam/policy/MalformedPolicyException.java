package io.granary.iam.policy;

/**
 * A policy document that cannot be accepted. The message is the reason, worded like AWS's, and is
 * sent to the client as the message of S3 error {@code MalformedPolicy} (or IAM's
 * {@code MalformedPolicyDocument} on the admin API).
 */
public final class MalformedPolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPolicyException(String reason) {
        super(reason);
    }
}
