package io.granary.iam;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/** Users' long-term access keys: at most two per user, as IAM allows; secrets encrypted at rest. */
final class AccessKeyAdmin {
    /** IAM's quota of access keys per user. */
    static final int KEYS_PER_USER = 2;

    private final Directory dir;
    private final Entities entities;
    private final Credentials credentials;
    private final SecretCipher cipher;
    private final Clock clock;

    AccessKeyAdmin(Directory dir, Credentials credentials, SecretCipher cipher, Clock clock) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.credentials = credentials;
        this.cipher = cipher;
        this.clock = clock;
    }

    CreatedAccessKey create(String accountId, String userName) {
        User user = entities.user(accountId, userName);
        if (keysOf(user).size() >= KEYS_PER_USER) {
            throw new IamException(IamException.Reason.LIMIT_EXCEEDED,
                    "Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
        }
        Directory.Change change = new Directory.Change();
        CreatedAccessKey created = newKey(change, accountId, user);
        dir.commit(change);
        return created;
    }

    /** A user's keys, or (userName null) the keys of every user of the account, by key id. */
    List<AccessKeyInfo> list(String accountId, String userName) {
        String userId = userName == null ? null : entities.user(accountId, userName).userId();
        return dir.keys.stream()
                .filter(k -> k.accountId().equals(accountId) && !k.isRootKey())
                .filter(k -> userId == null || userId.equals(k.userId()))
                .sorted(Comparator.comparing(AccessKey::accessKeyId))
                .map(k -> new AccessKeyInfo(k.accessKeyId(), dir.users.get(k.userId()).map(User::name).orElse(null),
                        k.status(), k.createdEpochMillis())).toList();
    }

    void updateStatus(String accountId, String userName, String accessKeyId, AccessKey.Status status) {
        dir.commit(new Directory.Change().put(dir.keys, key(accountId, userName, accessKeyId).withStatus(status)));
    }

    void delete(String accountId, String userName, String accessKeyId) {
        dir.commit(new Directory.Change().delete(dir.keys, key(accountId, userName, accessKeyId)));
        credentials.forget(accessKeyId);
    }

    AccessKeyLastUsed lastUsed(String accountId, String accessKeyId) {
        AccessKey key = key(accountId, null, accessKeyId);
        String userName = key.isRootKey() ? null : dir.users.get(key.userId()).map(User::name).orElse(null);
        return credentials.lastUsed(key, userName);
    }

    /** Adds a new active key for {@code user}, or for the account's root when null, to the change. */
    CreatedAccessKey newKey(Directory.Change change, String accountId, User user) {
        String accessKeyId;
        do {
            accessKeyId = dir.keys.newId(CredentialGenerator::accessKeyId);
        } while (accessKeyId.equals(credentials.configuredRoot().accessKeyId()));
        String secret = CredentialGenerator.secretKey();
        change.put(dir.keys, new AccessKey(AccessKey.FORMAT_VERSION, accessKeyId, accountId,
                user == null ? null : user.userId(), cipher.encrypt(secret, accessKeyId), AccessKey.Status.ACTIVE,
                clock.millis(), 0));
        return new CreatedAccessKey(accessKeyId, secret, accountId, user == null ? null : user.name());
    }

    List<AccessKey> keysOf(User user) {
        return dir.keys.stream().filter(k -> user.userId().equals(k.userId())).toList();
    }

    /**
     * A user's key of this account ({@code userName} null: any user's key of the account); a key of
     * another account or user is as missing as an unknown one.
     */
    private AccessKey key(String accountId, String userName, String accessKeyId) {
        String userId = userName == null ? null : entities.user(accountId, userName).userId();
        return dir.keys.get(accessKeyId)
                .filter(k -> k.accountId().equals(accountId) && !k.isRootKey())
                .filter(k -> userId == null || userId.equals(k.userId()))
                .orElseThrow(() -> IamException.noSuchEntity("The Access Key with id " + accessKeyId
                        + " cannot be found."));
    }
}
