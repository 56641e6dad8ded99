package io.granary.iam;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Accounts and their root keys: creation with a first root key, deletion once empty, and root-key
 * rotation with a grace period. The system account's root key is the configured one
 * ({@link RootCredentials}) until it is first rotated; from then on the stored keys are its root
 * keys and the configured pair is ignored (the configured key itself is stored, expiring with the
 * grace period, so it stops on time even across a restart).
 */
final class AccountAdmin {
    private final Directory dir;
    private final Entities entities;
    private final Credentials credentials;
    private final AccessKeyAdmin keys;
    private final SecretCipher cipher;
    private final Clock clock;

    AccountAdmin(Directory dir, Credentials credentials, AccessKeyAdmin keys, SecretCipher cipher, Clock clock) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.credentials = credentials;
        this.keys = keys;
        this.cipher = cipher;
        this.clock = clock;
    }

    Account system() {
        return entities.account(dir.systemAccountId());
    }

    CreatedAccount create(String name) {
        Names.require(Names.ACCOUNT, name, "accountName");
        if (findByName(name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "Account " + name + " already exists.");
        }
        String accountId = dir.accounts.newId(CredentialGenerator::accountId);
        Account account = new Account(Account.FORMAT_VERSION, accountId, CredentialGenerator.canonicalId(), name,
                clock.millis());
        Directory.Change change = new Directory.Change().put(dir.accounts, account);
        CreatedAccessKey rootKey = keys.newKey(change, accountId, null);
        dir.commit(change);
        return new CreatedAccount(account, rootKey);
    }

    List<Account> list() {
        return dir.accounts.stream().sorted(Comparator.comparing(Account::name)).toList();
    }

    Optional<Account> find(String accountId) {
        return dir.accounts.get(accountId);
    }

    Optional<Account> findByName(String name) {
        return dir.accounts.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Deletes an account that owns no users, groups, roles, policies and (per the caller) no buckets. */
    void delete(String name, Predicate<Account> ownsBuckets) {
        Account account = findByName(name).orElseThrow(() -> IamException.noSuchEntity(
                "The account with name " + name + " cannot be found."));
        String id = account.accountId();
        if (id.equals(dir.systemAccountId())) throw conflict("The system account cannot be deleted.");
        boolean hasEntities = dir.users.stream().anyMatch(u -> u.accountId().equals(id))
                || dir.groups.stream().anyMatch(g -> g.accountId().equals(id))
                || dir.roles.stream().anyMatch(r -> r.accountId().equals(id))
                || dir.policies.stream().anyMatch(p -> p.accountId().equals(id));
        if (hasEntities) throw conflict("Cannot delete an account that still has users, groups, roles or policies.");
        if (ownsBuckets.test(account)) throw conflict("Cannot delete an account that still owns buckets.");
        Directory.Change change = new Directory.Change().delete(dir.accounts, account);
        List<AccessKey> rootKeys = rootKeys(id);
        for (AccessKey key : rootKeys) change.delete(dir.keys, key);
        dir.commit(change);
        rootKeys.forEach(k -> credentials.forget(k.accessKeyId()));
    }

    /**
     * A new root key for the account, usable at once; the account's other root keys stop working
     * when {@code grace} has passed (at once for a zero grace).
     */
    CreatedAccessKey rotateRootKey(String accountId, Duration grace) {
        entities.account(accountId);
        if (grace == null || grace.isNegative()) throw IamException.validation("The grace period must be >= 0.");
        long now = clock.millis();
        long graceEnds = now + grace.toMillis();
        Directory.Change change = new Directory.Change();
        boolean immediate = grace.isZero();
        if (!immediate && accountId.equals(dir.systemAccountId()) && credentials.configuredRootApplies()) {
            RootCredentials configured = credentials.configuredRoot();
            change.put(dir.keys, new AccessKey(AccessKey.FORMAT_VERSION, configured.accessKeyId(), accountId, null,
                    cipher.encrypt(configured.secretKey(), configured.accessKeyId()), AccessKey.Status.ACTIVE,
                    now, graceEnds));
        }
        // Root keys whose grace is over (or that a zero grace ends now) are removed, so they do not pile up.
        for (AccessKey key : rootKeys(accountId)) {
            if (immediate || key.expiredAt(now)) {
                change.delete(dir.keys, key);
            } else if (key.expiresEpochMillis() == 0 || key.expiresEpochMillis() > graceEnds) {
                change.put(dir.keys, key.expiringAt(graceEnds));
            }
        }
        CreatedAccessKey created = keys.newKey(change, accountId, null);
        dir.commit(change);
        return created;
    }

    private List<AccessKey> rootKeys(String accountId) {
        return dir.keys.stream().filter(k -> k.isRootKey() && k.accountId().equals(accountId)).toList();
    }

    private static IamException conflict(String message) {
        return new IamException(IamException.Reason.DELETE_CONFLICT, message);
    }
}
