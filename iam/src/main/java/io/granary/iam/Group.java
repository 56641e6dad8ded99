package io.granary.iam;

import java.util.List;
import java.util.SortedMap;

/**
 * A group of users in one account; its policies apply to every member. Jackson-serialisable with a
 * format version.
 *
 * @param groupId stable id ({@code GG} + 18 characters)
 * @param members the member users' ids
 */
public record Group(int formatVersion, String accountId, String groupId, String name, String path,
        long createdEpochMillis, List<String> members, List<String> attachedPolicies,
        SortedMap<String, String> inlinePolicies) implements PolicyHolder {
    public static final int FORMAT_VERSION = 1;

    public Group {
        path = Records.path(path);
        members = Records.list(members);
        attachedPolicies = Records.list(attachedPolicies);
        inlinePolicies = Records.sorted(inlinePolicies);
    }

    @Override
    public String id() {
        return groupId;
    }

    /** {@code arn:aws:iam::ACCOUNT:group{path}{name}}. */
    public String arn() {
        return IamArns.group(accountId, path, name);
    }

    @Override
    public Group withPolicies(List<String> attached, SortedMap<String, String> inline) {
        return new Group(formatVersion, accountId, groupId, name, path, createdEpochMillis, members, attached, inline);
    }

    Group withMembers(List<String> newMembers) {
        return new Group(formatVersion, accountId, groupId, name, path, createdEpochMillis, newMembers,
                attachedPolicies, inlinePolicies);
    }
}
