package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.iam.Group;
import io.granary.iam.GroupMembers;
import io.granary.iam.IamService;
import io.granary.iam.User;
import java.util.List;

/**
 * Groups: CreateGroup, GetGroup (with its members, paged), ListGroups, AddUserToGroup,
 * RemoveUserFromGroup, ListGroupsForUser, DeleteGroup.
 */
final class GroupActions {
    private final IamService iam;
    private final Resources resources;

    GroupActions(IamService iam, Resources resources) {
        this.iam = iam;
        this.resources = resources;
    }

    List<QueryAction> actions() {
        return List.of(
                QueryAction.of("CreateGroup", resources::group, call -> {
                    Group group = iam.createGroup(call.accountId(), call.form().required("GroupName"),
                            call.form().optional("Path"));
                    return doc -> {
                        doc.start("Group");
                        IamDocuments.group(doc, group);
                        doc.end();
                    };
                }),
                QueryAction.of("GetGroup", resources::group, call -> {
                    GroupMembers members = iam.getGroup(call.accountId(), call.form().required("GroupName"));
                    return Pages.of(call, "Users", members.users(), User::name, IamDocuments::user).andThen(doc -> {
                        doc.start("Group");
                        IamDocuments.group(doc, members.group());
                        doc.end();
                    });
                }),
                QueryAction.of("ListGroups", Resources.all("group"), call -> Pages.of(call, "Groups",
                        iam.listGroups(call.accountId(), call.form().optional("PathPrefix")), Group::name,
                        IamDocuments::group)),
                QueryAction.noResult("AddUserToGroup", resources::group, call -> iam.addUserToGroup(
                        call.accountId(), call.form().required("GroupName"), call.form().required("UserName"))),
                QueryAction.noResult("RemoveUserFromGroup", resources::group, call -> iam.removeUserFromGroup(
                        call.accountId(), call.form().required("GroupName"), call.form().required("UserName"))),
                QueryAction.of("ListGroupsForUser", resources::user, call -> Pages.of(call, "Groups",
                        iam.listGroupsForUser(call.accountId(), call.form().required("UserName")), Group::name,
                        IamDocuments::group)),
                QueryAction.noResult("DeleteGroup", resources::group, call -> iam.deleteGroup(call.accountId(),
                        call.form().required("GroupName"))));
    }
}
