package io.granary.iam;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.PolicyEvaluator;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Predicate;

/**
 * The one facade of IAM and STS: accounts, users, access keys, groups, roles, inline and managed
 * policies, temporary credentials, and the lookups request authentication and authorisation need.
 * Every administrative method takes the acting account's id first and sees only that account's
 * entities (names are unique per account, case-insensitively, as IAM). Lists are sorted by name;
 * {@link Paging} pages them. Failures are {@link IamException}s whose reasons map 1:1 to IAM's error
 * codes.
 *
 * <p>Everything is served from an in-memory mirror of the store ({@link Directory}), so lookups never
 * read it; administrative calls are serialised on this object and write the store synchronously on
 * the caller's thread (callers on an event loop run them on a worker). Lookups are lock-free.
 */
public final class IamService {
    private final Directory dir;
    private final Entities entities;
    private final Credentials credentials;
    private final AccountAdmin accounts;
    private final AccessKeyAdmin keys;
    private final UserAdmin users;
    private final PolicyAdmin policies;
    private final GroupAdmin groups;
    private final RoleAdmin roles;
    private final EffectivePolicies effective;
    private final SecurityTokenService sts;
    private final DataKeyring dataKeys;
    private final KmsKeys kmsKeys;
    private final MasterKeys masterKeys;
    private final WebhookTargets webhooks;

    /** Opens the store: creates the system account on first start, upgrades older records. */
    public IamService(IdentityStore store, SecretCipher cipher, RootCredentials root, Clock clock) {
        this(store, cipher, null, root, clock);
    }

    /**
     * Opens the store under master key {@code cipher}; with {@code previous} (the master key being replaced) the
     * store's secrets are re-sealed from it to {@code cipher} first.
     *
     * @throws IamException CONFIGURATION if the store's secrets are sealed under neither key
     */
    public IamService(IdentityStore store, SecretCipher cipher, SecretCipher previous, RootCredentials root,
                      Clock clock) {
        this.dir = new Directory(store, clock);
        this.masterKeys = new MasterKeys(dir, cipher, previous);
        this.entities = new Entities(dir);
        PolicyDocuments documents = new PolicyDocuments();
        this.credentials = new Credentials(dir, cipher, root, clock);
        this.keys = new AccessKeyAdmin(dir, credentials, cipher, clock);
        this.accounts = new AccountAdmin(dir, credentials, keys, cipher, clock);
        this.users = new UserAdmin(dir, keys, clock);
        this.policies = new PolicyAdmin(dir, documents, clock);
        this.groups = new GroupAdmin(dir, clock);
        this.roles = new RoleAdmin(dir, documents, clock);
        this.effective = new EffectivePolicies(dir, documents);
        this.sts = new SecurityTokenService(dir, new SessionTokens(cipher), effective, documents, clock);
        this.dataKeys = new DataKeyring(dir, cipher, masterKeys.legacyDataKeys(DataKeyring.legacyName()));
        this.kmsKeys = new KmsKeys(dir, masterKeys.managedKmsKeys(), dataKeys, clock);
        this.webhooks = new WebhookTargets(dir, cipher, clock);
    }

    /** Wraps and unwraps the data keys of objects encrypted at rest, under a key derived from the master key. */
    public DataKeyring dataKeys() {
        return dataKeys;
    }

    /**
     * Starts a master-key rotation: a new data-key generation that new data keys are wrapped under, and every
     * KMS key's material re-wrapped under it; the data keys of objects are re-wrapped by a pass, after which
     * {@link #retireOldDataKeys} destroys the old generations.
     *
     * @return the new generation
     */
    public synchronized int rotateDataKeys() {
        int generation = dataKeys.rotate();
        kmsKeys.rewrapMaterials();
        return generation;
    }

    /** Ends a rotation: the generations before the current one are destroyed. */
    public synchronized void retireOldDataKeys() {
        kmsKeys.rewrapMaterials();
        dataKeys.retireOld();
        masterKeys.legacyRetired();
    }

    /** Whether this open replaced the previous master key (given to {@link #open}) by the current one. */
    public boolean replacedMasterKey() {
        return masterKeys.replaced();
    }

    /** The built-in key store (SSE-KMS), its ARNs in {@code region}. */
    public KeyStore keyStore(String region) {
        return new BuiltInKeyStore(kmsKeys, region);
    }

    /** A new enabled key of the built-in key store named {@code name} (its alias without {@code alias/}). */
    public synchronized KmsKey createKmsKey(String accountId, String name, String description) {
        return kmsKeys.create(accountId, name, description);
    }

    /** The account's keys: its AWS managed key {@code aws/s3}, then the others by name. */
    public List<KmsKey> listKmsKeys(String accountId) {
        return kmsKeys.list(accountId);
    }

    /** Disables or enables the key {@code keyRef} names (id, alias, name or ARN); disabled, its objects do not read. */
    public synchronized KmsKey setKmsKeyEnabled(String accountId, String keyRef, boolean enabled) {
        return kmsKeys.setEnabled(accountId, keyRef, enabled);
    }

    /** A new webhook target of the account, signing with {@code secret} (null: a generated one, returned once). */
    public synchronized CreatedWebhook createWebhook(String accountId, String name, String url, String secret) {
        return webhooks.add(accountId, name, url, secret);
    }

    /** The account's webhook targets by name. */
    public List<WebhookTarget> listWebhooks(String accountId) {
        return webhooks.list(accountId);
    }

    public Optional<WebhookTarget> findWebhook(String accountId, String name) {
        return webhooks.find(accountId, name);
    }

    /** The webhook target {@code arn} ({@code arn:granary:webhook:REGION:ACCOUNT:NAME}) names, if it exists. */
    public Optional<WebhookTarget> findWebhookByArn(String arn) {
        return webhooks.byArn(arn);
    }

    public synchronized void deleteWebhook(String accountId, String name) {
        webhooks.remove(accountId, name);
    }

    /** A new current secret for the target; the old one keeps signing for {@code overlap}. */
    public synchronized CreatedWebhook rotateWebhookSecret(String accountId, String name, String secret,
                                                           Duration overlap) {
        return webhooks.rotate(accountId, name, secret, overlap);
    }

    /** The target's secrets that sign now, in clear, the current one first. */
    public List<String> webhookSigningSecrets(WebhookTarget target) {
        return webhooks.signingSecrets(target);
    }

    /**
     * Loads the master key and root credentials from the environment or the data directory,
     * creating them on first start. Check {@link RootCredentials#generated()} to print them once.
     */
    public static IamService open(Path dataDir, Map<String, String> env, IdentityStore store) {
        IamService iam = new IamService(store, SecretCipher.load(dataDir, env),
                SecretCipher.loadPrevious(dataDir, env).orElse(null), RootCredentials.load(dataDir, env),
                Clock.systemUTC());
        // The store no longer needs the previous key (sealed under the current one now): do not leave it lying.
        SecretCipher.removePreviousFile(dataDir);
        return iam;
    }

    /** The configured root credentials (environment or generated file). */
    public RootCredentials rootCredentials() {
        return credentials.configuredRoot();
    }

    // ---- request authentication and authorisation (lock-free, in memory)

    /**
     * The identity a long-term access key id stands for, with its decrypted secret; empty for
     * unknown, inactive and expired (rotated-out root) keys, all {@code InvalidAccessKeyId} to a client.
     *
     * @throws IamException SECRET_UNREADABLE if the stored secret cannot be decrypted
     */
    public Optional<Identity> findCredential(String accessKeyId) {
        return credentials.find(accessKeyId);
    }

    /**
     * The identity of temporary credentials, from their session token alone.
     *
     * @throws IamException INVALID_TOKEN (tampered, another key's, user or role deleted), EXPIRED_TOKEN
     */
    public Identity findSessionCredential(String accessKeyId, String sessionToken) {
        return sts.find(accessKeyId, sessionToken);
    }

    /** Notes a successful authentication with a long-term key, for GetAccessKeyLastUsed (in memory). */
    public void recordKeyUse(String accessKeyId, String service, String region, long epochMillis) {
        credentials.recordUse(accessKeyId, service, region, epochMillis);
    }

    /** Whether the principal is the system account's root, the only one the admin API admits. */
    public boolean isSystemRoot(RequestPrincipal principal) {
        return principal instanceof RequestPrincipal.AccountRoot root && root.accountId().equals(dir.systemAccountId());
    }

    /**
     * The parsed identity policies that apply to a principal, for {@link PolicyEvaluator}: a user's
     * own and its groups' inline and managed policies, an assumed role's; none for roots and anonymous.
     */
    public List<Policy> identityPolicies(RequestPrincipal principal) {
        return effective.of(principal);
    }

    /**
     * Whether the caller may perform an IAM or STS action on a resource of its own account
     * ({@code arn:aws:iam::A:user/NAME}, ...): an account root always, others by their identity
     * policies intersected with their session policy.
     */
    public boolean isAllowed(Identity caller, String action, String resource) {
        RequestContext request = RequestContext.of(caller.principal(), action, resource);
        return PolicyEvaluator.evaluate(request, effective.of(caller.principal()), caller.sessionPolicy(), null,
                caller.principal().accountId()).allowed();
    }

    // ---- accounts

    public Account systemAccount() {
        return accounts.system();
    }

    /** A new account with one root access key, returned with its secret this once. */
    public synchronized CreatedAccount createAccount(String name) {
        return accounts.create(name);
    }

    public List<Account> listAccounts() {
        return accounts.list();
    }

    public Optional<Account> findAccount(String accountId) {
        return accounts.find(accountId);
    }

    public Optional<Account> findAccountByName(String name) {
        return accounts.findByName(name);
    }

    /**
     * Deletes an account without users, groups, roles and policies, for which {@code ownsBuckets} is
     * false (the caller knows the buckets); the system account cannot be deleted (DELETE_CONFLICT).
     */
    public synchronized void deleteAccount(String name, Predicate<Account> ownsBuckets) {
        accounts.delete(name, ownsBuckets);
    }

    /**
     * A new root key for the account, usable at once; its previous root keys keep working until
     * {@code grace} has passed, then are refused. For the system account the new key is stored and,
     * from then on, wins over the configured {@code GRANARY_ACCESS_KEY}/{@code GRANARY_SECRET_KEY}.
     */
    public synchronized CreatedAccessKey rotateRootKey(String accountId, Duration grace) {
        return accounts.rotateRootKey(accountId, grace);
    }

    // ---- users

    /**
     * @param path {@code /} when null
     * @param tags may be null
     */
    public synchronized User createUser(String accountId, String name, String path, Map<String, String> tags) {
        return users.create(accountId, name, path, tags);
    }

    public User getUser(String accountId, String name) {
        return entities.user(accountId, name);
    }

    /** @param pathPrefix {@code /} when null */
    public List<User> listUsers(String accountId, String pathPrefix) {
        return users.list(accountId, pathPrefix);
    }

    /** IAM UpdateUser: {@code newName} and/or {@code newPath}, null for unchanged. */
    public synchronized User updateUser(String accountId, String name, String newName, String newPath) {
        return users.update(accountId, name, newName, newPath);
    }

    /** Deletes a user without keys, policies and group memberships (DELETE_CONFLICT otherwise). */
    public synchronized void deleteUser(String accountId, String name) {
        users.delete(accountId, name);
    }

    public synchronized void tagUser(String accountId, String name, Map<String, String> tags) {
        users.tag(accountId, name, tags);
    }

    public synchronized void untagUser(String accountId, String name, Collection<String> tagKeys) {
        users.untag(accountId, name, tagKeys);
    }

    public SortedMap<String, String> listUserTags(String accountId, String name) {
        return entities.user(accountId, name).tags();
    }

    // ---- access keys

    /** A new active key (LIMIT_EXCEEDED beyond two per user); the only time its secret is returned. */
    public synchronized CreatedAccessKey createAccessKey(String accountId, String userName) {
        return keys.create(accountId, userName);
    }

    /** A user's keys, or (userName null) those of every user of the account, by key id. */
    public List<AccessKeyInfo> listAccessKeys(String accountId, String userName) {
        return keys.list(accountId, userName);
    }

    /**
     * Enables or disables a key, effective for the next request.
     *
     * @param userName the key's user, or null for whichever user of the account has it
     */
    public synchronized void updateAccessKey(String accountId, String userName, String accessKeyId,
            AccessKey.Status status) {
        keys.updateStatus(accountId, userName, accessKeyId, status);
    }

    /** @param userName the key's user, or null for whichever user of the account has it */
    public synchronized void deleteAccessKey(String accountId, String userName, String accessKeyId) {
        keys.delete(accountId, userName, accessKeyId);
    }

    public AccessKeyLastUsed getAccessKeyLastUsed(String accountId, String accessKeyId) {
        return keys.lastUsed(accountId, accessKeyId);
    }

    // ---- inline policies of users, groups and roles

    public synchronized void putInlinePolicy(EntityType type, String accountId, String entityName,
            String policyName, String document) {
        policies.putInline(type, accountId, entityName, policyName, document);
    }

    public String getInlinePolicy(EntityType type, String accountId, String entityName, String policyName) {
        return policies.getInline(type, accountId, entityName, policyName);
    }

    /** The inline policy names, sorted. */
    public List<String> listInlinePolicies(EntityType type, String accountId, String entityName) {
        return policies.listInline(type, accountId, entityName);
    }

    public synchronized void deleteInlinePolicy(EntityType type, String accountId, String entityName,
            String policyName) {
        policies.deleteInline(type, accountId, entityName, policyName);
    }

    // ---- managed policies

    /**
     * @param path {@code /} when null
     * @param description may be null
     */
    public synchronized ManagedPolicy createPolicy(String accountId, String name, String path, String description,
            String document) {
        return policies.create(accountId, name, path, description, document);
    }

    public ManagedPolicy getPolicy(String accountId, String policyArn) {
        return policies.get(accountId, policyArn);
    }

    /** How many users, groups and roles have the policy attached (GetPolicy's AttachmentCount). */
    public int policyAttachmentCount(String accountId, String policyArn) {
        return policies.attachmentCount(policies.get(accountId, policyArn));
    }

    public PolicyVersion getPolicyVersion(String accountId, String policyArn, String versionId) {
        return policies.version(accountId, policyArn, versionId);
    }

    /** The account's policies (Scope=Local) under a path prefix ({@code /} when null). */
    public List<ManagedPolicy> listPolicies(String accountId, String pathPrefix, boolean onlyAttached) {
        return policies.list(accountId, pathPrefix, onlyAttached);
    }

    /** A new version (LIMIT_EXCEEDED beyond five), optionally made the default. */
    public synchronized PolicyVersion createPolicyVersion(String accountId, String policyArn, String document,
            boolean setAsDefault) {
        return policies.createVersion(accountId, policyArn, document, setAsDefault);
    }

    public synchronized void setDefaultPolicyVersion(String accountId, String policyArn, String versionId) {
        policies.setDefaultVersion(accountId, policyArn, versionId);
    }

    /** Deletes a non-default version (DELETE_CONFLICT for the default one). */
    public synchronized void deletePolicyVersion(String accountId, String policyArn, String versionId) {
        policies.deleteVersion(accountId, policyArn, versionId);
    }

    /** Deletes a policy attached nowhere with no version but the default (DELETE_CONFLICT otherwise). */
    public synchronized void deletePolicy(String accountId, String policyArn) {
        policies.delete(accountId, policyArn);
    }

    public synchronized void attachPolicy(EntityType type, String accountId, String entityName, String policyArn) {
        policies.attach(type, accountId, entityName, policyArn);
    }

    public synchronized void detachPolicy(EntityType type, String accountId, String entityName, String policyArn) {
        policies.detach(type, accountId, entityName, policyArn);
    }

    public List<ManagedPolicy> listAttachedPolicies(EntityType type, String accountId, String entityName) {
        return policies.listAttached(type, accountId, entityName);
    }

    // ---- groups

    public synchronized Group createGroup(String accountId, String name, String path) {
        return groups.create(accountId, name, path);
    }

    /** The group and its members. */
    public GroupMembers getGroup(String accountId, String name) {
        return groups.get(accountId, name);
    }

    public List<Group> listGroups(String accountId, String pathPrefix) {
        return groups.list(accountId, pathPrefix);
    }

    public synchronized void addUserToGroup(String accountId, String groupName, String userName) {
        groups.addUser(accountId, groupName, userName);
    }

    public synchronized void removeUserFromGroup(String accountId, String groupName, String userName) {
        groups.removeUser(accountId, groupName, userName);
    }

    public List<Group> listGroupsForUser(String accountId, String userName) {
        return groups.forUser(accountId, userName);
    }

    /** Deletes a group without members and policies (DELETE_CONFLICT otherwise). */
    public synchronized void deleteGroup(String accountId, String name) {
        groups.delete(accountId, name);
    }

    // ---- roles

    /** @param maxSessionDurationSeconds 3600..43200, null for 3600 */
    public synchronized Role createRole(String accountId, String name, String path, String description,
            String trustPolicy, Integer maxSessionDurationSeconds) {
        return roles.create(accountId, name, path, description, trustPolicy, maxSessionDurationSeconds);
    }

    public Role getRole(String accountId, String name) {
        return entities.role(accountId, name);
    }

    public List<Role> listRoles(String accountId, String pathPrefix) {
        return roles.list(accountId, pathPrefix);
    }

    public synchronized void updateAssumeRolePolicy(String accountId, String name, String trustPolicy) {
        roles.updateTrustPolicy(accountId, name, trustPolicy);
    }

    /** Deletes a role without policies (DELETE_CONFLICT otherwise); its sessions end at once. */
    public synchronized void deleteRole(String accountId, String name) {
        roles.delete(accountId, name);
    }

    // ---- STS

    /** Temporary credentials for the caller itself (users 900..129600 s, roots 900..3600 s). */
    public TemporaryCredentials getSessionToken(Identity caller, Integer durationSeconds) {
        return sts.getSessionToken(caller, durationSeconds);
    }

    /**
     * A session of a role whose trust policy (and, across accounts, the caller's own policies) allow
     * the caller {@code sts:AssumeRole}.
     *
     * @param durationSeconds 900..the role's MaxSessionDuration, null for 3600
     * @param sessionPolicy a policy intersecting the role's permissions, or null
     */
    public TemporaryCredentials assumeRole(Identity caller, String roleArn, String sessionName,
            Integer durationSeconds, String sessionPolicy) {
        return sts.assumeRole(caller, roleArn, sessionName, durationSeconds, sessionPolicy);
    }
}
