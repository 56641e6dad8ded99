package io.granary.iam.policy;

/**
 * Who is making a request, as policies see it: the root account, an IAM-style user, or an
 * anonymous (unsigned) caller.
 */
public sealed interface RequestPrincipal {
    RequestPrincipal ROOT = new Root();
    RequestPrincipal ANONYMOUS = new Anonymous();

    /** The account owner, holder of the root credentials. */
    record Root() implements RequestPrincipal {
    }

    /** A user created through the admin API. */
    record User(String userId, String userName) implements RequestPrincipal {
    }

    /** An unsigned request. */
    record Anonymous() implements RequestPrincipal {
    }
}
