package io.granary.iam;

/**
 * The ARNs of IAM and STS entities, as AWS spells them: principals in policies and resources of
 * {@code iam:*} actions. A path is {@code /} or {@code /a/b/}, so {@code path + name} reads
 * {@code /name} or {@code /a/b/name}.
 */
public final class IamArns {
    private static final String IAM = "arn:aws:iam::";

    private IamArns() {
    }

    public static String root(String accountId) {
        return IAM + accountId + ":root";
    }

    public static String user(String accountId, String path, String name) {
        return IAM + accountId + ":user" + path + name;
    }

    public static String group(String accountId, String path, String name) {
        return IAM + accountId + ":group" + path + name;
    }

    public static String role(String accountId, String path, String name) {
        return IAM + accountId + ":role" + path + name;
    }

    public static String policy(String accountId, String path, String name) {
        return IAM + accountId + ":policy" + path + name;
    }

    public static String assumedRole(String accountId, String roleName, String sessionName) {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
    }
}
