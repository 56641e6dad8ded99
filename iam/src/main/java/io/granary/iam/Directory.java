package io.granary.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The in-memory mirror of every IAM record, loaded once from the {@link IdentityStore} and kept in
 * step with it: each {@link Change} is written durably first and applied to the mirror after, so a
 * failed write changes nothing. Lookups read the mirror only (never the store), from any thread;
 * changes are serialised by the caller ({@link IamService}'s lock). Opening creates the system
 * account if the store has none and upgrades older records in one write.
 */
final class Directory {
    private static final String SYSTEM_MARKER = "system/account";
    /** The name the system account gets when it is created. */
    static final String SYSTEM_ACCOUNT_NAME = "system";

    /** The store's pointer to the system account. */
    private record SystemMarker(int formatVersion, String accountId) {
    }

    private final IdentityStore store;
    private final RecordCodec<SystemMarker> markers = new RecordCodec<>(SystemMarker.class, 1, this::systemAccountId);
    final Table<Account> accounts = new Table<>("account/", Account::accountId,
            new RecordCodec<>(Account.class, Account.FORMAT_VERSION, this::systemAccountId));
    final Table<User> users = new Table<>("user/", User::userId,
            new RecordCodec<>(User.class, User.FORMAT_VERSION, this::systemAccountId));
    final Table<AccessKey> keys = new Table<>("key/", AccessKey::accessKeyId,
            new RecordCodec<>(AccessKey.class, AccessKey.FORMAT_VERSION, this::systemAccountId));
    final Table<ManagedPolicy> policies = new Table<>("policy/", ManagedPolicy::policyId,
            new RecordCodec<>(ManagedPolicy.class, ManagedPolicy.FORMAT_VERSION, this::systemAccountId));
    final Table<Group> groups = new Table<>("group/", Group::groupId,
            new RecordCodec<>(Group.class, Group.FORMAT_VERSION, this::systemAccountId));
    final Table<Role> roles = new Table<>("role/", Role::roleId,
            new RecordCodec<>(Role.class, Role.FORMAT_VERSION, this::systemAccountId));
    final Table<KmsKey> kmsKeys = new Table<>("kms-key/", KmsKey::keyId,
            new RecordCodec<>(KmsKey.class, KmsKey.FORMAT_VERSION, this::systemAccountId));
    final Table<WebhookTarget> webhooks = new Table<>("webhook/", WebhookTarget::id,
            new RecordCodec<>(WebhookTarget.class, WebhookTarget.FORMAT_VERSION, this::systemAccountId));
    final Table<DataKeyGenerations> dataKeyGenerations = new Table<>("master/", DataKeyGenerations::id,
            new RecordCodec<>(DataKeyGenerations.class, DataKeyGenerations.FORMAT_VERSION, this::systemAccountId));
    final Table<MasterKeyState> masterKeyState = new Table<>("master-key/", MasterKeyState::id,
            new RecordCodec<>(MasterKeyState.class, MasterKeyState.FORMAT_VERSION, this::systemAccountId));
    private final String systemAccountId;
    private volatile long generation;

    Directory(IdentityStore store, Clock clock) {
        this.store = store;
        Change opening = new Change();
        Optional<byte[]> marker = Optional.ofNullable(store.list(SYSTEM_MARKER).get(SYSTEM_MARKER));
        if (marker.isPresent()) {
            systemAccountId = markers.decode(SYSTEM_MARKER, marker.get()).accountId();
        } else {
            Account system = new Account(Account.FORMAT_VERSION, CredentialGenerator.accountId(),
                    legacyCanonicalId(), SYSTEM_ACCOUNT_NAME, clock.millis());
            systemAccountId = system.accountId();
            opening.puts.put(SYSTEM_MARKER, markers.encode(new SystemMarker(1, systemAccountId)));
            opening.put(accounts, system);
        }
        for (Table<?> table : List.of(accounts, users, keys, policies, groups, roles, kmsKeys, webhooks,
                dataKeyGenerations, masterKeyState)) {
            table.load(store, opening);
        }
        if (!opening.puts.isEmpty() || !opening.deletes.isEmpty()) commit(opening);
    }

    String systemAccountId() {
        return systemAccountId;
    }

    /** Increases with every committed change; caches of derived data key on it. */
    long generation() {
        return generation;
    }

    /** Writes the change durably, then shows it in the mirror. */
    void commit(Change change) {
        store.write(change.puts, change.deletes);
        change.mirrorUpdates.forEach(Runnable::run);
        generation++;
    }

    /**
     * The canonical id buckets of a single-account Granary were created with (the SHA-256 of
     * {@code granary:root}): the system account keeps it, so those buckets stay its own.
     */
    private static String legacyCanonicalId() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest("granary:root".getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts and deletes across tables, written as one batch. */
    static final class Change {
        private final Map<String, byte[]> puts = new LinkedHashMap<>();
        private final Set<String> deletes = new HashSet<>();
        private final List<Runnable> mirrorUpdates = new ArrayList<>();

        <T> Change put(Table<T> table, T record) {
            String id = table.id.apply(record);
            puts.put(table.prefix + id, table.codec.encode(record));
            deletes.remove(table.prefix + id);
            mirrorUpdates.add(() -> table.mirror.put(id, record));
            return this;
        }

        <T> Change delete(Table<T> table, T record) {
            String id = table.id.apply(record);
            puts.remove(table.prefix + id);
            deletes.add(table.prefix + id);
            mirrorUpdates.add(() -> table.mirror.remove(id));
            return this;
        }
    }

    /** One record kind: its name prefix in the store, its id, its codec and its mirror. */
    static final class Table<T> {
        private final String prefix;
        private final Function<T, String> id;
        private final RecordCodec<T> codec;
        private final Map<String, T> mirror = new ConcurrentHashMap<>();

        Table(String prefix, Function<T, String> id, RecordCodec<T> codec) {
            this.prefix = prefix;
            this.id = id;
            this.codec = codec;
        }

        Optional<T> get(String key) {
            return key == null ? Optional.empty() : Optional.ofNullable(mirror.get(key));
        }

        /** A fresh id from {@code generator}, drawn again in the unlikely case that it is taken. */
        String newId(Supplier<String> generator) {
            String candidate = generator.get();
            while (mirror.containsKey(candidate)) candidate = generator.get();
            return candidate;
        }

        Stream<T> stream() {
            return mirror.values().stream();
        }

        /** Reads every record, queuing a rewrite of those that were upgraded or renamed. */
        private void load(IdentityStore store, Change change) {
            for (Map.Entry<String, byte[]> entry : store.list(prefix).entrySet()) {
                T record = codec.decode(entry.getKey(), entry.getValue());
                String name = prefix + id.apply(record);
                mirror.put(id.apply(record), record);
                if (!name.equals(entry.getKey())) change.deletes.add(entry.getKey());
                if (!name.equals(entry.getKey()) || codec.isOutdated(entry.getValue())) {
                    change.puts.put(name, codec.encode(record));
                }
            }
        }
    }
}
