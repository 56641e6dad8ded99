package io.granary.api.iamapi;

import io.granary.iam.IamArns;
import io.granary.iam.IamException;
import io.granary.iam.IamService;
import java.util.function.Function;

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
        String path;
        try {
            path = iam.getUser(call.accountId(), name).path();
        } catch (IamException missing) {
            path = pathOf(call);
        }
        return IamArns.user(call.accountId(), path, name);
    }

    String group(QueryCall call) {
        String name = call.form().required("GroupName");
        String path;
        try {
            path = iam.getGroup(call.accountId(), name).group().path();
        } catch (IamException missing) {
            path = pathOf(call);
        }
        return IamArns.group(call.accountId(), path, name);
    }

    String role(QueryCall call) {
        String name = call.form().required("RoleName");
        String path;
        try {
            path = iam.getRole(call.accountId(), name).path();
        } catch (IamException missing) {
            path = pathOf(call);
        }
        return IamArns.role(call.accountId(), path, name);
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

    private static String pathOf(QueryCall call) {
        String path = call.form().optional("Path");
        return path == null ? "/" : path;
    }
}
