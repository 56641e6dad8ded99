package io.granary.iam;

import java.util.List;

/**
 * A webhook target of an account: where its bucket notifications are POSTed and the secrets that sign them, each
 * sealed under the master key (so a master-key replacement re-seals them with the access keys). The first secret
 * is the current one; the others were rotated out and still sign until they expire, so a receiver can move to the
 * new secret without losing an event. Jackson-serialisable with a format version.
 */
public record WebhookTarget(int formatVersion, String accountId, String name, String url, List<Secret> secrets,
        long createdEpochMillis) {
    public static final int FORMAT_VERSION = 1;

    /** A sealed secret and, once rotated out, when it stops signing ({@code 0} while it is the current one). */
    public record Secret(String sealed, long createdEpochMillis, long expiresEpochMillis) {
    }

    public WebhookTarget {
        secrets = List.copyOf(secrets);
    }

    /** The id of its record: account and name. */
    String id() {
        return accountId + "/" + name;
    }

    /** {@code arn:granary:webhook:REGION:ACCOUNT:NAME}, the ARN bucket notification configurations name. */
    public String arn(String region) {
        return WebhookTargets.ARN_PREFIX + region + ":" + accountId + ":" + name;
    }

    WebhookTarget withSecrets(List<Secret> newSecrets) {
        return new WebhookTarget(formatVersion, accountId, name, url, newSecrets, createdEpochMillis);
    }
}
