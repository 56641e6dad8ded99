package io.granary.api.console;

/**
 * One logged-in browser: the access key it proved, the secret the console signs its S3, admin and IAM
 * requests with (held in this process's memory only, never sent back to the browser), the token the
 * browser must echo on every state-changing request, and whether the identity may use the admin API.
 */
record ConsoleSession(String id, String accessKeyId, String secretKey, String csrfToken, boolean admin,
        long createdMillis, long lastUsedMillis) {

    ConsoleSession used(long nowMillis) {
        return new ConsoleSession(id, accessKeyId, secretKey, csrfToken, admin, createdMillis, nowMillis);
    }

    @Override
    public String toString() {
        return "ConsoleSession[" + accessKeyId + (admin ? ", admin" : "") + "]";
    }
}
