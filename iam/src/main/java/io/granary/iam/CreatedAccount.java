package io.granary.iam;

/** A new account and its root access key, the only time the root secret is returned. */
public record CreatedAccount(Account account, CreatedAccessKey rootKey) {
}
