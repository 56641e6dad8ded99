package io.granary.iam;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.AEADBadTagException;

/**
 * The master key's data keys in generations, so that a rotation can move every wrapped data key to a fresh
 * key and then destroy the old one, without re-encrypting any data. Generation 0 is the key derived from the
 * master key that SSE-S3 used from the start (its wrapped keys carry no prefix); generation {@code N > 0} is
 * a random key sealed under the master key, and what it wraps reads {@code N.base64}. New keys are wrapped
 * under the current generation; any generation not yet retired unwraps. Rotations and retirements are
 * serialised by {@link IamService}'s lock.
 */
public final class DataKeyring implements DataKeys {
    private static final String SEALING_PURPOSE = "granary data-key generations v1";
    private static final String NAME = "master key (" + SecretCipher.MASTER_KEY_ENV + " or "
            + SecretCipher.MASTER_KEY_FILE + ")";

    private final Directory dir;
    private final DataKeyWrapper legacy;
    private final SecretCipher sealer;
    private volatile TreeMap<Integer, DataKeyWrapper> usable = new TreeMap<>();

    /** @param legacy wraps generation 0's keys ({@link MasterKeys#legacyDataKeys}) */
    DataKeyring(Directory dir, SecretCipher master, DataKeyWrapper legacy) {
        this.dir = dir;
        this.legacy = legacy;
        this.sealer = master.derive(SEALING_PURPOSE);
        refresh();
    }

    /** The name generation 0's wrapper carries in errors. */
    static String legacyName() {
        return NAME;
    }

    /**
     * {@code generations} with every generation's key re-sealed from master key {@code from} to {@code to}.
     *
     * @throws IamException SECRET_UNREADABLE if one does not open under {@code from}
     */
    static DataKeyGenerations resealed(DataKeyGenerations generations, SecretCipher from, SecretCipher to) {
        SecretCipher opener = from.derive(SEALING_PURPOSE);
        SecretCipher sealer = to.derive(SEALING_PURPOSE);
        TreeMap<Integer, String> sealed = new TreeMap<>();
        generations.sealed().forEach((generation, key) -> sealed.put(generation, Base64.getEncoder()
                .encodeToString(sealer.seal(open(opener, generation, key), context(generation)))));
        return new DataKeyGenerations(DataKeyGenerations.FORMAT_VERSION, generations.current(), sealed,
                generations.legacyRetired());
    }

    @Override
    public String wrap(byte[] dataKey, String context) {
        int current = generations().current();
        String wrapped = wrapper(current).wrap(dataKey, context);
        return current == 0 ? wrapped : current + "." + wrapped;
    }

    @Override
    public byte[] unwrap(String wrapped, String context) {
        int dot = wrapped.indexOf('.');
        int generation = generation(wrapped);
        return wrapper(generation).unwrap(dot < 0 ? wrapped : wrapped.substring(dot + 1), context);
    }

    /** The generation {@code wrapped} was wrapped under (0 for the unprefixed form). */
    public static int generation(String wrapped) {
        int dot = wrapped.indexOf('.');
        if (dot < 0) return 0;
        try {
            return Integer.parseInt(wrapped.substring(0, dot));
        } catch (NumberFormatException e) {
            throw new IamException(IamException.Reason.SECRET_UNREADABLE, "a wrapped key with a malformed "
                    + "generation prefix", e);
        }
    }

    /** The generation new data keys are wrapped under. */
    public int current() {
        return generations().current();
    }

    /** Every generation that still unwraps, the current one included. */
    public Set<Integer> usableGenerations() {
        return new TreeSet<>(usable.keySet());
    }

    /** Re-wraps {@code wrapped} under the current generation; returns it unchanged when it is already there. */
    public String rewrap(String wrapped, String context) {
        if (generation(wrapped) == current()) return wrapped;
        return wrap(unwrap(wrapped, context), context);
    }

    /** A new current generation; the older ones still unwrap until {@link #retireOld}. */
    int rotate() {
        DataKeyGenerations now = generations();
        int next = Math.max(now.current(), now.sealed().isEmpty() ? 0 : now.sealed().lastKey()) + 1;
        TreeMap<Integer, String> sealed = new TreeMap<>(now.sealed());
        sealed.put(next, Base64.getEncoder().encodeToString(sealer.seal(DataKeyWrapper.newDataKey(),
                context(next))));
        commit(new DataKeyGenerations(DataKeyGenerations.FORMAT_VERSION, next, sealed, now.legacyRetired()));
        return next;
    }

    /** Destroys every generation but the current one: what they wrapped no longer unwraps. */
    void retireOld() {
        DataKeyGenerations now = generations();
        TreeMap<Integer, String> kept = new TreeMap<>();
        if (now.current() > 0) kept.put(now.current(), now.sealed().get(now.current()));
        commit(new DataKeyGenerations(DataKeyGenerations.FORMAT_VERSION, now.current(), kept,
                now.legacyRetired() || now.current() > 0));
    }

    private void commit(DataKeyGenerations next) {
        dir.commit(new Directory.Change().put(dir.dataKeyGenerations, next));
        refresh();
    }

    private DataKeyGenerations generations() {
        return dir.dataKeyGenerations.get(DataKeyGenerations.ID).orElse(DataKeyGenerations.initial());
    }

    private DataKeyWrapper wrapper(int generation) {
        DataKeyWrapper wrapper = usable.get(generation);
        if (wrapper == null) {
            throw new IamException(IamException.Reason.SECRET_UNREADABLE, "data-key generation " + generation
                    + " of the master key was retired or never existed");
        }
        return wrapper;
    }

    private void refresh() {
        DataKeyGenerations now = generations();
        TreeMap<Integer, DataKeyWrapper> next = new TreeMap<>();
        if (!now.legacyRetired()) next.put(0, legacy);
        now.sealed().forEach((generation, sealed) -> next.put(generation,
                DataKeyWrapper.under(open(sealer, generation, sealed), NAME + ", generation " + generation)));
        usable = next;
    }

    private static byte[] open(SecretCipher sealer, int generation, String sealed) {
        try {
            return sealer.open(Base64.getDecoder().decode(sealed), context(generation));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new IamException(IamException.Reason.SECRET_UNREADABLE, "cannot open data-key generation "
                    + generation + ": wrong master key or a damaged record", e);
        }
    }

    private static byte[] context(int generation) {
        return ("generation " + generation).getBytes(StandardCharsets.UTF_8);
    }
}
