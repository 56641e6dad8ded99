package io.granary.iam;

/**
 * The key store in the metadata database ({@link KmsKeys}): ARNs in the configured region, data keys wrapped
 * under each key's material. A disabled key neither wraps nor unwraps, so its objects cannot be read until it
 * is enabled again.
 */
final class BuiltInKeyStore implements KeyStore {
    private final KmsKeys keys;
    private final String region;

    BuiltInKeyStore(KmsKeys keys, String region) {
        this.keys = keys;
        this.region = region;
    }

    @Override
    public String enabledKey(String accountId, String keyRef) {
        return enabled(keys.find(accountId, keyRef == null ? KmsKey.AWS_MANAGED : keyRef)).arn(region);
    }

    @Override
    public String wrap(String keyArn, byte[] dataKey, String context) {
        return keys.wrapper(enabled(byArn(keyArn))).wrap(dataKey, context);
    }

    @Override
    public byte[] unwrap(String keyArn, String wrapped, String context) {
        return keys.wrapper(enabled(byArn(keyArn))).unwrap(wrapped, context);
    }

    private KmsKey byArn(String keyArn) {
        String[] fields = keyArn.split(":", 6);
        if (fields.length != 6) throw new KmsException(KmsException.Reason.INVALID_ID, "Invalid arn " + keyArn);
        return keys.find(fields[4], keyArn);
    }

    private KmsKey enabled(KmsKey key) {
        if (!key.enabled()) throw new KmsException(KmsException.Reason.DISABLED, key.arn(region) + " is disabled.");
        return key;
    }
}
