package io.granary.api.iamapi;

import io.granary.iam.IamArns;
import io.granary.iam.IamException;
import io.granary.iam.IamService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The resource ARN each IAM action's permission is checked on, as AWS's authorization reference
 * gives it: the user, group, role or policy the call names (with its stored path when it exists, the
 * requested one when it is being created), or {@code arn:aws:iam::A:user/*} style for listings.
 */
final class Resources {
    private final IamService iam;

    Resources(IamService iam) {
        this.iam = iam;
    }

    /** The named user, or the calling user itself when the call names none. */
    String user(QueryCall call) {
        String name = call.userNameOrSelf();
        return IamArns.user(call.accountId(), pathOf(call, () -> iam.getUser(call.accountId(), name).path()), name);
    }

    String group(QueryCall call) {
        String name = call.form().required("GroupName");
        return IamArns.group(call.accountId(), pathOf(call, () -> iam.getGroup(call.accountId(), name).group().path()),
                name);
    }

    String role(QueryCall call) {
        String name = call.form().required("RoleName");
        return IamArns.role(call.accountId(), pathOf(call, () -> iam.getRole(call.accountId(), name).path()), name);
    }

    /** The policy named by {@code PolicyArn}, or by {@code PolicyName} and {@code Path} for CreatePolicy. */
    String policy(QueryCall call) {
        String arn = call.form().optional("PolicyArn");
        if (arn != null) return arn;
        return IamArns.policy(call.accountId(), pathOf(call), call.form().required("PolicyName"));
    }

    /** Listing resources: every {@code type} of the account under the requested path prefix. */
    static Function<QueryCall, String> all(String type) {
        return call -> {
            String prefix = call.form().optional("PathPrefix");
            return "arn:aws:iam::" + call.accountId() + ":" + type + (prefix == null ? "/" : prefix) + "*";
        };
    }

    /** The stored entity's path; for one that does not exist (yet), the requested Path. */
    private static String pathOf(QueryCall call, Supplier<String> stored) {
        try {
            return stored.get();
        } catch (IamException missing) {
            return pathOf(call);
        }
    }

    private static String pathOf(QueryCall call) {
        String path = call.form().optional("Path");
        return path == null ? "/" : path;
    }
}
