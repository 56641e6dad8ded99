package io.granary.iam;

import io.granary.iam.policy.Policy;
import io.granary.iam.policy.RequestPrincipal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Identities, access keys and managed policies over an {@link IdentityStore}, and the lookups
 * request authentication and authorisation need. Administration calls are serialised on this
 * object (they are rare); {@link #findCredential} is served from a bounded cache of decrypted
 * secrets, filled under the same lock so that a key disabled or deleted is never re-cached stale.
 * Parsed policies are cached by name. Thread-safe. Blocking: store calls run on the caller's thread.
 */
public final class IamService {
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,128}");
    private static final int CACHE_CAPACITY = 10_000;

    private final IdentityStore store;
    private final SecretCipher cipher;
    private final RootCredentials root;
    private final Clock clock;
    private final IdentityCache identities = new IdentityCache(CACHE_CAPACITY);
    private final Map<String, Policy> parsedPolicies = new ConcurrentHashMap<>();

    public IamService(IdentityStore store, SecretCipher cipher, RootCredentials root, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.root = root;
        this.clock = clock;
    }

    /**
     * Loads the master key and root credentials from the environment or the data directory,
     * creating them on first start. Check {@link RootCredentials#generated()} to print them once.
     */
    public static IamService open(Path dataDir, Map<String, String> env, IdentityStore store) {
        return new IamService(store, SecretCipher.load(dataDir, env), RootCredentials.load(dataDir, env),
                Clock.systemUTC());
    }

    public RootCredentials rootCredentials() {
        return root;
    }

    /**
     * The identity an access key id stands for, with its decrypted secret; empty for unknown and
     * inactive keys (both are {@code InvalidAccessKeyId} to the client).
     *
     * @throws IamException SECRET_UNREADABLE if the stored secret cannot be decrypted
     */
    public Optional<Identity> findCredential(String accessKeyId) {
        if (accessKeyId.equals(root.accessKeyId())) {
            return Optional.of(new Identity(root.accessKeyId(), root.secretKey(), Identity.ROOT, Identity.ROOT, true));
        }
        Optional<Identity> cached = identities.get(accessKeyId);
        if (cached.isPresent()) return cached;
        synchronized (this) {
            Optional<AccessKey> key = store.findAccessKey(accessKeyId)
                    .filter(k -> k.status() == AccessKey.Status.ACTIVE);
            if (key.isEmpty()) return Optional.empty();
            Optional<User> user = store.findUser(key.get().userId());
            if (user.isEmpty()) return Optional.empty();
            Identity identity = new Identity(accessKeyId, cipher.decrypt(key.get().encryptedSecret(), accessKeyId),
                    user.get().userId(), user.get().name(), false);
            identities.put(identity);
            return Optional.of(identity);
        }
    }

    // ---- users

    public synchronized User createUser(String name) {
        requireName(USER_NAME, name, "user name");
        if (findUserByName(name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "User with name " + name
                    + " already exists.");
        }
        User user = new User(User.FORMAT_VERSION, CredentialGenerator.userId(), name, clock.millis(), List.of());
        store.putUser(user);
        return user;
    }

    public List<User> listUsers() {
        return store.listUsers();
    }

    public Optional<User> findUserByName(String name) {
        return store.listUsers().stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** Deletes a user that has no access keys and no attached policies left (as IAM requires). */
    public synchronized void deleteUser(String name) {
        User user = requireUser(name);
        if (!keysOf(user).isEmpty()) {
            throw new IamException(IamException.Reason.DELETE_CONFLICT,
                    "Cannot delete entity, must delete access keys first.");
        }
        if (!user.attachedPolicies().isEmpty()) {
            throw new IamException(IamException.Reason.DELETE_CONFLICT,
                    "Cannot delete entity, must detach all policies first.");
        }
        store.deleteUser(user.userId());
    }

    // ---- access keys

    /** Creates an active key for the user; the result is the only place the secret is ever returned. */
    public synchronized CreatedAccessKey createAccessKey(String userName) {
        User user = requireUser(userName);
        String accessKeyId = CredentialGenerator.accessKeyId();
        while (accessKeyId.equals(root.accessKeyId()) || store.findAccessKey(accessKeyId).isPresent()) {
            accessKeyId = CredentialGenerator.accessKeyId();
        }
        String secret = CredentialGenerator.secretKey();
        store.putAccessKey(new AccessKey(AccessKey.FORMAT_VERSION, accessKeyId, user.userId(),
                cipher.encrypt(secret, accessKeyId), AccessKey.Status.ACTIVE, clock.millis()));
        return new CreatedAccessKey(accessKeyId, secret, user.name());
    }

    public List<AccessKeyInfo> listAccessKeys(String userName) {
        User user = requireUser(userName);
        List<AccessKeyInfo> out = new ArrayList<>();
        for (AccessKey key : keysOf(user)) {
            out.add(new AccessKeyInfo(key.accessKeyId(), user.name(), key.status(), key.createdEpochMillis()));
        }
        return out;
    }

    /** Enables ({@code ACTIVE}) or disables ({@code INACTIVE}) a key; takes effect for the next request. */
    public synchronized void setAccessKeyStatus(String accessKeyId, AccessKey.Status status) {
        AccessKey key = requireKey(accessKeyId);
        store.putAccessKey(key.withStatus(status));
        identities.invalidate(accessKeyId);
    }

    public synchronized void deleteAccessKey(String accessKeyId) {
        requireKey(accessKeyId);
        store.deleteAccessKey(accessKeyId);
        identities.invalidate(accessKeyId);
    }

    // ---- managed policies

    /**
     * Stores a named identity policy.
     *
     * @throws io.granary.iam.policy.MalformedPolicyException if the document is not a valid policy
     */
    public synchronized ManagedPolicy createPolicy(String name, String document) {
        requireName(POLICY_NAME, name, "policy name");
        Policy parsed = Policy.parseIdentityPolicy(document);
        if (store.findPolicy(name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "A policy called " + name
                    + " already exists.");
        }
        ManagedPolicy policy = new ManagedPolicy(ManagedPolicy.FORMAT_VERSION, name, document, clock.millis());
        store.putPolicy(policy);
        parsedPolicies.put(name, parsed);
        return policy;
    }

    public List<ManagedPolicy> listPolicies() {
        return store.listPolicies();
    }

    /** Deletes a policy that no user has attached. */
    public synchronized void deletePolicy(String name) {
        requirePolicy(name);
        for (User user : store.listUsers()) {
            if (user.attachedPolicies().contains(name)) {
                throw new IamException(IamException.Reason.DELETE_CONFLICT,
                        "Cannot delete a policy attached to entities (user " + user.name() + ").");
            }
        }
        store.deletePolicy(name);
        parsedPolicies.remove(name);
    }

    /** Attaches a policy to a user; attaching one already attached changes nothing. */
    public synchronized void attachUserPolicy(String userName, String policyName) {
        User user = requireUser(userName);
        requirePolicy(policyName);
        if (user.attachedPolicies().contains(policyName)) return;
        List<String> policies = new ArrayList<>(user.attachedPolicies());
        policies.add(policyName);
        store.putUser(user.withAttachedPolicies(policies));
    }

    public synchronized void detachUserPolicy(String userName, String policyName) {
        User user = requireUser(userName);
        if (!user.attachedPolicies().contains(policyName)) {
            throw new IamException(IamException.Reason.NO_SUCH_ENTITY, "Policy " + policyName
                    + " is not attached to user " + userName + ".");
        }
        List<String> policies = new ArrayList<>(user.attachedPolicies());
        policies.remove(policyName);
        store.putUser(user.withAttachedPolicies(policies));
    }

    public List<String> listAttachedUserPolicies(String userName) {
        return requireUser(userName).attachedPolicies();
    }

    /**
     * The parsed identity policies that apply to a principal, for
     * {@link io.granary.iam.policy.PolicyEvaluator}: a user's attached policies, none for root and
     * anonymous callers.
     */
    public List<Policy> identityPolicies(RequestPrincipal principal) {
        if (!(principal instanceof RequestPrincipal.User user)) return List.of();
        Optional<User> stored = store.findUser(user.userId());
        if (stored.isEmpty()) return List.of();
        List<Policy> out = new ArrayList<>();
        for (String name : stored.get().attachedPolicies()) {
            Policy policy = parsedPolicies.get(name);
            out.add(policy != null ? policy : loadPolicy(name));
        }
        return out;
    }

    /** Parses a stored policy into the cache, under the lock so a concurrent delete cannot leave it stale. */
    private synchronized Policy loadPolicy(String name) {
        ManagedPolicy record = store.findPolicy(name).orElseThrow(() -> new IamException(
                IamException.Reason.NO_SUCH_ENTITY, "Policy " + name + " does not exist."));
        Policy policy = Policy.parseIdentityPolicy(record.document());
        parsedPolicies.put(name, policy);
        return policy;
    }

    private List<AccessKey> keysOf(User user) {
        return store.listAccessKeys().stream().filter(k -> k.userId().equals(user.userId())).toList();
    }

    private User requireUser(String name) {
        return findUserByName(name).orElseThrow(() -> new IamException(IamException.Reason.NO_SUCH_ENTITY,
                "The user with name " + name + " cannot be found."));
    }

    private AccessKey requireKey(String accessKeyId) {
        return store.findAccessKey(accessKeyId).orElseThrow(() -> new IamException(
                IamException.Reason.NO_SUCH_ENTITY, "The Access Key with id " + accessKeyId + " cannot be found."));
    }

    private void requirePolicy(String name) {
        if (store.findPolicy(name).isEmpty()) {
            throw new IamException(IamException.Reason.NO_SUCH_ENTITY, "Policy " + name + " does not exist.");
        }
    }

    private static void requireName(Pattern syntax, String name, String what) {
        if (name == null || !syntax.matcher(name).matches()) {
            throw new IamException(IamException.Reason.INVALID_INPUT, "Invalid " + what + ": " + name);
        }
    }
}
