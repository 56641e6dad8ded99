package io.granary.iam;

/** A webhook target just created or given a new secret, with that secret in clear: shown once, never stored so. */
public record CreatedWebhook(WebhookTarget target, String secret) {
}
