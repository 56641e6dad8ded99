package io.granary.iam;

import java.time.Clock;
import java.util.List;

/** Roles of an account with their trust policies, which STS AssumeRole evaluates. */
final class RoleAdmin {
    /** IAM's bounds and default for MaxSessionDuration, in seconds. */
    static final int MIN_MAX_SESSION = 3600;
    static final int MAX_MAX_SESSION = 43_200;

    private final Directory dir;
    private final Entities entities;
    private final PolicyDocuments documents;
    private final Clock clock;

    RoleAdmin(Directory dir, PolicyDocuments documents, Clock clock) {
        this.dir = dir;
        this.entities = new Entities(dir);
        this.documents = documents;
        this.clock = clock;
    }

    /** @param maxSessionDurationSeconds 3600..43200, null for 3600 */
    Role create(String accountId, String name, String path, String description, String trustPolicy,
            Integer maxSessionDurationSeconds) {
        entities.account(accountId);
        Names.require(Names.ROLE, name, "roleName");
        String checkedPath = Names.path(path);
        documents.trust(trustPolicy);
        int maxSession = maxSessionDurationSeconds == null ? MIN_MAX_SESSION : maxSessionDurationSeconds;
        if (maxSession < MIN_MAX_SESSION || maxSession > MAX_MAX_SESSION) {
            throw IamException.validation("The specified value for maxSessionDuration is invalid. It must be between "
                    + MIN_MAX_SESSION + " and " + MAX_MAX_SESSION + ".");
        }
        if (entities.findRole(accountId, name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "Role with name " + name
                    + " already exists.");
        }
        String roleId = dir.roles.newId(() -> CredentialGenerator.id("GR"));
        Role role = new Role(Role.FORMAT_VERSION, accountId, roleId, name, checkedPath, description, trustPolicy,
                maxSession, clock.millis(), List.of(), null);
        dir.commit(new Directory.Change().put(dir.roles, role));
        return role;
    }

    List<Role> list(String accountId, String pathPrefix) {
        return Entities.list(dir.roles.stream(), accountId, pathPrefix);
    }

    void updateTrustPolicy(String accountId, String name, String trustPolicy) {
        Role role = entities.role(accountId, name);
        documents.trust(trustPolicy);
        dir.commit(new Directory.Change().put(dir.roles, role.withTrustPolicy(trustPolicy)));
    }

    /** Deletes a role without policies (DeleteConflict otherwise); its sessions stop working at once. */
    void delete(String accountId, String name) {
        Role role = entities.role(accountId, name);
        if (!role.attachedPolicies().isEmpty()) throw IamException.cannotDelete("must detach all policies first.");
        if (!role.inlinePolicies().isEmpty()) throw IamException.cannotDelete("must delete policies first.");
        dir.commit(new Directory.Change().delete(dir.roles, role));
    }
}
