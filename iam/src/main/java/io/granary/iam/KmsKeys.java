package io.granary.iam;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The keys of the built-in key store: created, listed, disabled and enabled per account; found by id, alias or
 * ARN. Each account also has its AWS managed key {@code aws/s3}, derived from the master key rather than stored
 * (like AWS's, it cannot be disabled). Writes are serialised by {@link IamService}'s lock.
 */
final class KmsKeys {
    private static final String MANAGED_PURPOSE = "granary kms aws-managed keys v1";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_-]{1,250}");
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ARN = Pattern.compile("arn:aws:kms:[^:]*:(\\d{12}):(key|alias)/(.+)");

    private final Directory dir;
    private final DataKeyring materials;
    private final SecretCipher managed;
    private final Clock clock;

    /**
     * @param managed the base the AWS managed keys derive from ({@link #managedBase} of the master key, or the
     *     earlier master key's, carried over by a replacement)
     * @param materials seals each key's material (so a master-key rotation re-wraps it too)
     */
    KmsKeys(Directory dir, SecretCipher managed, DataKeyring materials, Clock clock) {
        this.dir = dir;
        this.materials = materials;
        this.managed = managed;
        this.clock = clock;
    }

    /** The base of the AWS managed keys under {@code master}. */
    static SecretCipher managedBase(SecretCipher master) {
        return master.derive(MANAGED_PURPOSE);
    }

    KmsKey create(String accountId, String name, String description) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("aws")) {
            throw new IamException(IamException.Reason.VALIDATION_ERROR, "A key name is 1 to 250 letters, digits, "
                    + "'/', '_' or '-' and does not begin with 'aws' (reserved for AWS managed keys): " + name);
        }
        if (byName(accountId, name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "There is a key named " + name + ".");
        }
        String keyId = dir.kmsKeys.newId(() -> UUID.randomUUID().toString());
        String material = materials.wrap(DataKeyWrapper.newDataKey(), materialContext(keyId));
        KmsKey key = new KmsKey(KmsKey.FORMAT_VERSION, accountId, keyId, name, description, true, clock.millis(),
                material);
        dir.commit(new Directory.Change().put(dir.kmsKeys, key));
        return key;
    }

    /** The account's keys by name, its AWS managed key first. */
    List<KmsKey> list(String accountId) {
        List<KmsKey> keys = new ArrayList<>();
        keys.add(managedKey(accountId));
        dir.kmsKeys.stream().filter(key -> key.accountId().equals(accountId))
                .sorted(Comparator.comparing(KmsKey::name)).forEach(keys::add);
        return keys;
    }

    KmsKey setEnabled(String accountId, String keyRef, boolean enabled) {
        KmsKey key = find(accountId, keyRef);
        if (key.managed()) {
            throw new IamException(IamException.Reason.INVALID_INPUT, "The AWS managed key " + KmsKey.AWS_MANAGED
                    + " cannot be disabled.");
        }
        KmsKey changed = key.withEnabled(enabled);
        dir.commit(new Directory.Change().put(dir.kmsKeys, changed));
        return changed;
    }

    /**
     * The key {@code keyRef} names for account {@code accountId}: a key id, {@code alias/NAME}, a bare name, or
     * a key or alias ARN.
     *
     * @throws KmsException NOT_FOUND, OTHER_ACCOUNT, or INVALID_ID
     */
    KmsKey find(String accountId, String keyRef) {
        if (keyRef == null || keyRef.isBlank()) throw new KmsException(KmsException.Reason.INVALID_ID, "No key id.");
        String ref = keyRef;
        var arn = ARN.matcher(keyRef);
        if (arn.matches()) {
            if (!arn.group(1).equals(accountId)) {
                throw new KmsException(KmsException.Reason.OTHER_ACCOUNT, "Key " + keyRef + " is another "
                        + "account's; keys are not shared between accounts.");
            }
            ref = arn.group(2).equals("alias") ? "alias/" + arn.group(3) : arn.group(3);
        } else if (keyRef.startsWith("arn:")) {
            throw new KmsException(KmsException.Reason.INVALID_ID, "Invalid arn " + keyRef);
        }
        String name = ref.startsWith("alias/") ? ref.substring("alias/".length()) : ref;
        Optional<KmsKey> found = KEY_ID.matcher(ref).matches()
                ? Optional.ofNullable(byId(accountId, ref)) : byName(accountId, name);
        return found.orElseThrow(() -> new KmsException(KmsException.Reason.NOT_FOUND, "Invalid keyId " + keyRef));
    }

    /** The wrapper of data keys under {@code key}'s material. */
    DataKeyWrapper wrapper(KmsKey key) {
        String name = "KMS key " + key.keyId();
        if (key.managed()) return DataKeyWrapper.under(managed.derive(key.accountId()).keyBytes(), name);
        return DataKeyWrapper.under(materials.unwrap(key.material(), materialContext(key.keyId())), name);
    }

    /** Re-wraps every stored key's material under the master key's current data-key generation. */
    void rewrapMaterials() {
        Directory.Change change = new Directory.Change();
        dir.kmsKeys.stream().forEach(key -> {
            String material = materials.rewrap(key.material(), materialContext(key.keyId()));
            if (!material.equals(key.material())) change.put(dir.kmsKeys, key.withMaterial(material));
        });
        dir.commit(change);
    }

    static String materialContext(String keyId) {
        return "kms-key-material:" + keyId;
    }

    private KmsKey byId(String accountId, String keyId) {
        KmsKey managedKey = managedKey(accountId);
        if (managedKey.keyId().equals(keyId)) return managedKey;
        return dir.kmsKeys.get(keyId).filter(key -> key.accountId().equals(accountId)).orElse(null);
    }

    private Optional<KmsKey> byName(String accountId, String name) {
        if (KmsKey.AWS_MANAGED.equals(name)) return Optional.of(managedKey(accountId));
        return dir.kmsKeys.stream().filter(key -> key.accountId().equals(accountId) && key.name().equals(name))
                .findFirst();
    }

    /** The account's AWS managed key: its id derived from the account, so it is the same on every start. */
    private KmsKey managedKey(String accountId) {
        UUID id = UUID.nameUUIDFromBytes(managed.derive("id:" + accountId).keyBytes());
        return new KmsKey(KmsKey.FORMAT_VERSION, accountId, id.toString(), KmsKey.AWS_MANAGED,
                "Default key that protects my S3 objects when no other key is defined", true, 0, null);
    }
}
