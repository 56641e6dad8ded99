package io.granary.iam;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Managed policies with their versions, their attachment to users, groups and roles, and the
 * inline policies of those three: the rules IAM enforces (five versions at most, the default
 * version cannot be deleted, a policy cannot be deleted while attached or while it has other
 * versions, ten managed policies per identity).
 */
final class PolicyAdmin {
    /** IAM's default quota of managed policies attached to one user, group or role. */
    static final int ATTACHED_PER_ENTITY = 10;

    private final Directory dir;
    private final Entities entities;
    private final PolicyDocuments documents;
    private final Clock clock;

    PolicyAdmin(Directory dir, PolicyDocuments documents, Clock clock) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.documents = documents;
        this.clock = clock;
    }

    ManagedPolicy create(String accountId, String name, String path, String description, String document) {
        entities.account(accountId);
        Names.require(Names.POLICY, name, "policyName");
        String checkedPath = Names.path(path);
        documents.identity(document);
        if (dir.policies.stream().anyMatch(p -> p.accountId().equals(accountId) && p.name().equalsIgnoreCase(name))) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "A policy called " + name
                    + " already exists. Duplicate names are not allowed.");
        }
        String policyId = dir.policies.newId(() -> CredentialGenerator.id("GP"));
        long now = clock.millis();
        ManagedPolicy policy = new ManagedPolicy(ManagedPolicy.FORMAT_VERSION, accountId, policyId, name, checkedPath,
                description, List.of(new PolicyVersion("v1", document, now)), "v1", 2, now, now);
        dir.commit(new Directory.Change().put(dir.policies, policy));
        return policy;
    }

    ManagedPolicy get(String accountId, String arn) {
        return entities.policy(accountId, arn);
    }

    PolicyVersion version(String accountId, String arn, String versionId) {
        return entities.policy(accountId, arn).version(versionId).orElseThrow(() -> IamException.noSuchEntity(
                "Policy " + arn + " version " + versionId + " does not exist."));
    }

    /** The account's policies under a path prefix, by name; only those attached somewhere if asked. */
    List<ManagedPolicy> list(String accountId, String pathPrefix, boolean onlyAttached) {
        String prefix = Names.pathPrefix(pathPrefix);
        return dir.policies.stream()
                .filter(p -> p.accountId().equals(accountId) && p.path().startsWith(prefix))
                .filter(p -> !onlyAttached || attachmentCount(p) > 0)
                .sorted(Comparator.comparing(ManagedPolicy::name)).toList();
    }

    PolicyVersion createVersion(String accountId, String arn, String document, boolean setAsDefault) {
        ManagedPolicy policy = entities.policy(accountId, arn);
        documents.identity(document);
        if (policy.versions().size() >= ManagedPolicy.MAX_VERSIONS) {
            throw new IamException(IamException.Reason.LIMIT_EXCEEDED, "A managed policy can have up to "
                    + ManagedPolicy.MAX_VERSIONS + " versions. Before you create a new version, you must delete an"
                    + " existing version.");
        }
        long now = clock.millis();
        PolicyVersion version = new PolicyVersion("v" + policy.nextVersion(), document, now);
        List<PolicyVersion> versions = new ArrayList<>(policy.versions());
        versions.add(version);
        dir.commit(new Directory.Change().put(dir.policies, policy.withVersions(versions,
                setAsDefault ? version.versionId() : policy.defaultVersionId(), policy.nextVersion() + 1, now)));
        return version;
    }

    void setDefaultVersion(String accountId, String arn, String versionId) {
        ManagedPolicy policy = entities.policy(accountId, arn);
        version(accountId, arn, versionId);
        dir.commit(new Directory.Change().put(dir.policies, policy.withVersions(policy.versions(), versionId,
                policy.nextVersion(), clock.millis())));
    }

    void deleteVersion(String accountId, String arn, String versionId) {
        ManagedPolicy policy = entities.policy(accountId, arn);
        PolicyVersion version = version(accountId, arn, versionId);
        if (versionId.equals(policy.defaultVersionId())) {
            throw new IamException(IamException.Reason.DELETE_CONFLICT, "Cannot delete the default version of a"
                    + " policy.");
        }
        List<PolicyVersion> versions = new ArrayList<>(policy.versions());
        versions.remove(version);
        dir.commit(new Directory.Change().put(dir.policies, policy.withVersions(versions, policy.defaultVersionId(),
                policy.nextVersion(), clock.millis())));
    }

    /** Deletes a policy that is attached nowhere and has only its default version left, as IAM requires. */
    void delete(String accountId, String arn) {
        ManagedPolicy policy = entities.policy(accountId, arn);
        if (attachmentCount(policy) > 0) {
            throw new IamException(IamException.Reason.DELETE_CONFLICT, "Cannot delete a policy attached to"
                    + " entities.");
        }
        if (policy.versions().size() > 1) {
            throw new IamException(IamException.Reason.DELETE_CONFLICT, "This policy has more than one version."
                    + " Before you delete a policy, you must delete the policy's versions. The default version is"
                    + " deleted with the policy.");
        }
        dir.commit(new Directory.Change().delete(dir.policies, policy));
    }

    int attachmentCount(ManagedPolicy policy) {
        String arn = policy.arn();
        return (int) holders().filter(h -> h.attachedPolicies().contains(arn)).count();
    }

    /** Attaches a managed policy of the same account; attaching one already attached changes nothing. */
    void attach(EntityType type, String accountId, String entityName, String arn) {
        PolicyHolder holder = entities.holder(type, accountId, entityName);
        entities.policy(accountId, arn);
        if (holder.attachedPolicies().contains(arn)) return;
        if (holder.attachedPolicies().size() >= ATTACHED_PER_ENTITY) {
            throw new IamException(IamException.Reason.LIMIT_EXCEEDED, "Cannot exceed quota for PoliciesPer"
                    + type.name().charAt(0) + type.noun().substring(1) + ": " + ATTACHED_PER_ENTITY);
        }
        List<String> attached = new ArrayList<>(holder.attachedPolicies());
        attached.add(arn);
        commit(holder.withPolicies(attached, holder.inlinePolicies()));
    }

    void detach(EntityType type, String accountId, String entityName, String arn) {
        PolicyHolder holder = entities.holder(type, accountId, entityName);
        if (!holder.attachedPolicies().contains(arn)) {
            throw IamException.noSuchEntity("Policy " + arn + " was not found.");
        }
        List<String> attached = new ArrayList<>(holder.attachedPolicies());
        attached.remove(arn);
        commit(holder.withPolicies(attached, holder.inlinePolicies()));
    }

    /** The managed policies attached to a user, group or role, by name. */
    List<ManagedPolicy> listAttached(EntityType type, String accountId, String entityName) {
        return entities.holder(type, accountId, entityName).attachedPolicies().stream()
                .flatMap(arn -> entities.findPolicy(arn).stream())
                .sorted(Comparator.comparing(ManagedPolicy::name)).toList();
    }

    void putInline(EntityType type, String accountId, String entityName, String policyName, String document) {
        PolicyHolder holder = entities.holder(type, accountId, entityName);
        Names.require(Names.POLICY, policyName, "policyName");
        documents.identity(document);
        SortedMap<String, String> inline = new TreeMap<>(holder.inlinePolicies());
        inline.put(policyName, document);
        commit(holder.withPolicies(holder.attachedPolicies(), inline));
    }

    String getInline(EntityType type, String accountId, String entityName, String policyName) {
        String document = entities.holder(type, accountId, entityName).inlinePolicies().get(policyName);
        if (document == null) throw noSuchInline(type, entityName, policyName);
        return document;
    }

    List<String> listInline(EntityType type, String accountId, String entityName) {
        return List.copyOf(entities.holder(type, accountId, entityName).inlinePolicies().keySet());
    }

    void deleteInline(EntityType type, String accountId, String entityName, String policyName) {
        PolicyHolder holder = entities.holder(type, accountId, entityName);
        if (!holder.inlinePolicies().containsKey(policyName)) throw noSuchInline(type, entityName, policyName);
        SortedMap<String, String> inline = new TreeMap<>(holder.inlinePolicies());
        inline.remove(policyName);
        commit(holder.withPolicies(holder.attachedPolicies(), inline));
    }

    private Stream<PolicyHolder> holders() {
        return Stream.concat(Stream.concat(dir.users.stream().map(PolicyHolder.class::cast),
                dir.groups.stream().map(PolicyHolder.class::cast)), dir.roles.stream().map(PolicyHolder.class::cast));
    }

    private void commit(PolicyHolder holder) {
        Directory.Change change = new Directory.Change();
        if (holder instanceof User user) {
            change.put(dir.users, user);
        } else if (holder instanceof Group group) {
            change.put(dir.groups, group);
        } else {
            change.put(dir.roles, (Role) holder);
        }
        dir.commit(change);
    }

    private static IamException noSuchInline(EntityType type, String entityName, String policyName) {
        return IamException.noSuchEntity("The " + type.noun() + " policy with name " + policyName
                + " cannot be found for " + type.noun() + " " + entityName + ".");
    }
}
