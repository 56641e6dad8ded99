package io.granary.iam;

import java.util.List;
import java.util.Optional;

/**
 * The persistence port of IAM: the API node implements it over the {@code iam} column family of
 * the metadata store, so that iam never depends on metadata (CONVENTIONS §1). Each method is one
 * durable, atomic change or one consistent read; {@link IamService} serialises its own
 * read-modify-write sequences, so implementations need no locking of their own beyond being
 * thread-safe. Records carry a format version for the store's codec.
 */
public interface IdentityStore {

    Optional<User> findUser(String userId);

    /** Every user, in any order. */
    List<User> listUsers();

    /** Inserts or replaces the user with this id. */
    void putUser(User user);

    void deleteUser(String userId);

    Optional<AccessKey> findAccessKey(String accessKeyId);

    /** Every access key, in any order. */
    List<AccessKey> listAccessKeys();

    /** Inserts or replaces the key with this id. */
    void putAccessKey(AccessKey key);

    void deleteAccessKey(String accessKeyId);

    Optional<ManagedPolicy> findPolicy(String name);

    List<ManagedPolicy> listPolicies();

    /** Inserts or replaces the policy with this name. */
    void putPolicy(ManagedPolicy policy);

    void deletePolicy(String name);
}
