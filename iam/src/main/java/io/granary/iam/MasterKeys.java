package io.granary.iam;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * The master key in use, checked against the IAM records when the service opens, and its replacement: started
 * with a new master key and the old one as the previous key ({@link SecretCipher#PREVIOUS_MASTER_KEY_ENV} or
 * {@link SecretCipher#PREVIOUS_MASTER_KEY_FILE}), the service re-seals, in one write, every access key's secret,
 * every webhook secret, every data-key generation, and the keys derived from the old master key that data still
 * needs (generation 0's wrapping key, the base of the {@code aws/s3} keys). No data key of an object is touched:
 * they are wrapped by the generations, which only change seals. A key that opens neither the records nor (as
 * previous) their old seal refuses to start, saying which variable to set.
 */
final class MasterKeys {
    private static final String PURPOSE = "granary master key state v1";
    private static final byte[] CHECK = "granary master key check".getBytes(StandardCharsets.UTF_8);

    private final Directory dir;
    private final SecretCipher master;
    private final boolean replaced;

    /** @param previous the master key being replaced, or null */
    MasterKeys(Directory dir, SecretCipher master, SecretCipher previous) {
        this.dir = dir;
        this.master = master;
        Optional<MasterKeyState> stored = dir.masterKeyState.get(MasterKeyState.ID);
        boolean underMaster = stored.map(state -> opensCheck(state, master)).orElseGet(() -> sealedUnder(master));
        if (underMaster && (stored.isPresent() || previous == null)) {
            if (stored.isEmpty()) commit(state(master, null, null));
            replaced = false;
        } else if (previous != null
                && stored.map(state -> opensCheck(state, previous)).orElseGet(() -> sealedUnder(previous))) {
            replace(stored.orElse(null), previous);
            replaced = true;
        } else {
            throw new IamException(IamException.Reason.CONFIGURATION, previous == null
                    ? "the master key (" + SecretCipher.MASTER_KEY_ENV + " or " + SecretCipher.MASTER_KEY_FILE
                    + ") is not the key this data directory's secrets are sealed under; start with the right key, "
                    + "or, to replace it, with the new key and the old one in "
                    + SecretCipher.PREVIOUS_MASTER_KEY_ENV + " (or " + SecretCipher.PREVIOUS_MASTER_KEY_FILE + ")"
                    : "neither the master key nor the previous master key (" + SecretCipher.PREVIOUS_MASTER_KEY_ENV
                    + " or " + SecretCipher.PREVIOUS_MASTER_KEY_FILE + ") is the key this data directory's "
                    + "secrets are sealed under");
        }
    }

    /** Whether this open replaced the previous master key by the current one. */
    boolean replaced() {
        return replaced;
    }

    /** Wraps the data keys of generation 0: derived from the master key, or carried over from an earlier one. */
    DataKeyWrapper legacyDataKeys(String name) {
        String carried = state().legacyDataKeys();
        return carried == null ? new DataKeyWrapper(master, name) : DataKeyWrapper.direct(open(carried, "legacy"),
                name);
    }

    /** The base the {@code aws/s3} keys are derived from. */
    SecretCipher managedKmsKeys() {
        String carried = state().managedKmsKeys();
        return carried == null ? KmsKeys.managedBase(master) : new SecretCipher(open(carried, "managed"));
    }

    /** Destroys a carried generation-0 key once a rotation retired that generation. */
    void legacyRetired() {
        MasterKeyState now = state();
        if (now.legacyDataKeys() != null) {
            commit(new MasterKeyState(MasterKeyState.FORMAT_VERSION, now.check(), null, now.managedKmsKeys()));
        }
    }

    private void replace(MasterKeyState stored, SecretCipher previous) {
        Directory.Change change = new Directory.Change();
        dir.keys.stream().forEach(key -> change.put(dir.keys, key.withEncryptedSecret(
                master.encrypt(previous.decrypt(key.encryptedSecret(), key.accessKeyId()), key.accessKeyId()))));
        dir.webhooks.stream().forEach(target -> change.put(dir.webhooks,
                WebhookTargets.resealed(target, previous, master)));
        Optional<DataKeyGenerations> generations = dir.dataKeyGenerations.get(DataKeyGenerations.ID);
        generations.ifPresent(g -> change.put(dir.dataKeyGenerations, DataKeyring.resealed(g, previous, master)));
        boolean legacyLive = generations.map(g -> !g.legacyRetired()).orElse(true);
        byte[] legacy = !legacyLive ? null : stored != null && stored.legacyDataKeys() != null
                ? open(stored.legacyDataKeys(), "legacy", previous) : DataKeyWrapper.wrappingKey(previous);
        byte[] managed = stored != null && stored.managedKmsKeys() != null
                ? open(stored.managedKmsKeys(), "managed", previous) : KmsKeys.managedBase(previous).keyBytes();
        dir.commit(change.put(dir.masterKeyState, state(master, legacy, managed)));
    }

    /** A store without a state record predates it: its key is the one its sealed records open under. */
    private boolean sealedUnder(SecretCipher key) {
        try {
            dir.keys.stream().findFirst().ifPresent(k -> key.decrypt(k.encryptedSecret(), k.accessKeyId()));
            dir.dataKeyGenerations.get(DataKeyGenerations.ID).ifPresent(g -> DataKeyring.resealed(g, key, key));
            DataKeyWrapper legacy = new DataKeyWrapper(key, DataKeyring.legacyName());
            dir.kmsKeys.stream().filter(k -> DataKeyring.generation(k.material()) == 0).findFirst()
                    .ifPresent(k -> legacy.unwrap(k.material(), KmsKeys.materialContext(k.keyId())));
            return true;
        } catch (IamException unreadable) {
            return false;
        }
    }

    private MasterKeyState state(SecretCipher key, byte[] legacy, byte[] managed) {
        return new MasterKeyState(MasterKeyState.FORMAT_VERSION, seal(key, CHECK, "check"),
                legacy == null ? null : seal(key, legacy, "legacy"), managed == null ? null
                : seal(key, managed, "managed"));
    }

    private MasterKeyState state() {
        return dir.masterKeyState.get(MasterKeyState.ID).orElseThrow();
    }

    private void commit(MasterKeyState state) {
        dir.commit(new Directory.Change().put(dir.masterKeyState, state));
    }

    private static boolean opensCheck(MasterKeyState state, SecretCipher key) {
        try {
            return Arrays.equals(CHECK, open(state.check(), "check", key));
        } catch (IamException unreadable) {
            return false;
        }
    }

    private byte[] open(String sealed, String what) {
        return open(sealed, what, master);
    }

    private static String seal(SecretCipher key, byte[] plain, String what) {
        return Base64.getEncoder().encodeToString(key.derive(PURPOSE).seal(plain, bytes(what)));
    }

    private static byte[] open(String sealed, String what, SecretCipher key) {
        try {
            return key.derive(PURPOSE).open(Base64.getDecoder().decode(sealed), bytes(what));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IamException(IamException.Reason.SECRET_UNREADABLE, "cannot open the master key's " + what
                    + " seal: another master key or a damaged record", e);
        }
    }

    private static byte[] bytes(String what) {
        return what.getBytes(StandardCharsets.UTF_8);
    }
}
