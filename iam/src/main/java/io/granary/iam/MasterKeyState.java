package io.granary.iam;

/**
 * What ties the IAM records to the master key (record {@code master-key/state}): a check sealed under the
 * master key, so a node started with another key refuses to start instead of failing later on every secret; and,
 * once the master key was replaced, the keys derived from an earlier master key that stored data still needs,
 * sealed under the current one: generation 0's data-key wrapping key (until a rotation retires it) and the base
 * of the AWS managed KMS keys ({@code aws/s3}, whose ids and materials must not change).
 *
 * @param check base64 of the sealed check
 * @param legacyDataKeys base64 of the sealed generation-0 wrapping key, or null: derived from the current key
 * @param managedKmsKeys base64 of the sealed base of the {@code aws/s3} keys, or null: derived from the current key
 */
public record MasterKeyState(int formatVersion, String check, String legacyDataKeys, String managedKmsKeys) {
    public static final int FORMAT_VERSION = 1;
    static final String ID = "state";

    String id() {
        return ID;
    }
}
