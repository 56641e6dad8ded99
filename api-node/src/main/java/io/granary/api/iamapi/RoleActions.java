package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.api.xml.QueryDocument;
import io.granary.iam.IamService;
import io.granary.iam.Role;
import java.util.List;
import java.util.function.Consumer;

/** Roles: CreateRole (with its trust policy), GetRole, ListRoles, UpdateAssumeRolePolicy, DeleteRole. */
final class RoleActions {
    private final IamService iam;
    private final Resources resources;

    RoleActions(IamService iam, Resources resources) {
        this.iam = iam;
        this.resources = resources;
    }

    List<QueryAction> actions() {
        return List.of(
                QueryAction.of("CreateRole", resources::role, call -> role(iam.createRole(call.accountId(),
                        call.form().required("RoleName"), call.form().optional("Path"),
                        call.form().optional("Description"), call.form().required("AssumeRolePolicyDocument"),
                        call.form().integer("MaxSessionDuration")))),
                QueryAction.of("GetRole", resources::role, call -> role(iam.getRole(call.accountId(),
                        call.form().required("RoleName")))),
                QueryAction.of("ListRoles", Resources.all("role"), call -> Pages.of(call, "Roles",
                        iam.listRoles(call.accountId(), call.form().optional("PathPrefix")), Role::name,
                        IamDocuments::role)),
                QueryAction.noResult("UpdateAssumeRolePolicy", resources::role, call -> iam.updateAssumeRolePolicy(
                        call.accountId(), call.form().required("RoleName"), call.form().required("PolicyDocument"))),
                QueryAction.noResult("DeleteRole", resources::role, call -> iam.deleteRole(call.accountId(),
                        call.form().required("RoleName"))));
    }

    private static Consumer<QueryDocument> role(Role role) {
        return doc -> {
            doc.start("Role");
            IamDocuments.role(doc, role);
            doc.end();
        };
    }
}
