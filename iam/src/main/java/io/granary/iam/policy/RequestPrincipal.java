package io.granary.iam.policy;

import io.granary.iam.IamArns;

/**
 * Who is making a request, as policies see it: an account's root, an IAM user, a session of an
 * assumed role, or an anonymous (unsigned) caller.
 */
public sealed interface RequestPrincipal {
    RequestPrincipal ANONYMOUS = new Anonymous();

    /** The principal's ARN, as policies and GetCallerIdentity name it; {@code *} for anonymous callers. */
    String arn();

    /** The account the principal belongs to; null for anonymous callers. */
    String accountId();

    /**
     * STS GetCallerIdentity's {@code UserId}: the account id for a root, the user id for a user,
     * {@code ROLEID:session} for a role session; null for anonymous callers.
     */
    String uniqueId();

    /** The holder of an account's root credentials. */
    record AccountRoot(String accountId) implements RequestPrincipal {
        @Override
        public String arn() {
            return IamArns.root(accountId);
        }

        @Override
        public String uniqueId() {
            return accountId;
        }
    }

    /** An IAM user. */
    record User(String accountId, String userId, String userName, String path) implements RequestPrincipal {
        @Override
        public String arn() {
            return IamArns.user(accountId, path, userName);
        }

        @Override
        public String uniqueId() {
            return userId;
        }
    }

    /** A session of a role, obtained through STS AssumeRole. */
    record AssumedRole(String accountId, String roleId, String roleName, String sessionName)
            implements RequestPrincipal {
        @Override
        public String arn() {
            return IamArns.assumedRole(accountId, roleName, sessionName);
        }

        /** STS's AssumedRoleId: {@code ROLEID:session}. */
        @Override
        public String uniqueId() {
            return roleId + ":" + sessionName;
        }
    }

    /** An unsigned request. */
    record Anonymous() implements RequestPrincipal {
        @Override
        public String arn() {
            return "*";
        }

        @Override
        public String accountId() {
            return null;
        }

        @Override
        public String uniqueId() {
            return null;
        }
    }
}
