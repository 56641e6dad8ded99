package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.iam.EntityType;
import io.granary.iam.IamService;
import io.granary.iam.ManagedPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The policies of users, groups and roles, the same eight actions for each kind: inline
 * Put/Get/List/Delete{Kind}Policy and managed Attach/Detach/ListAttached{Kind}Policies.
 */
final class EntityPolicyActions {
    private final IamService iam;
    private final Resources resources;

    EntityPolicyActions(IamService iam, Resources resources) {
        this.iam = iam;
        this.resources = resources;
    }

    List<QueryAction> actions() {
        List<QueryAction> all = new ArrayList<>();
        all.addAll(forKind(EntityType.USER, "User", resources::user));
        all.addAll(forKind(EntityType.GROUP, "Group", resources::group));
        all.addAll(forKind(EntityType.ROLE, "Role", resources::role));
        return all;
    }

    private List<QueryAction> forKind(EntityType type, String kind, Function<QueryCall, String> resource) {
        String nameParam = kind + "Name";
        return List.of(
                QueryAction.noResult("Put" + kind + "Policy", resource, call -> iam.putInlinePolicy(type,
                        call.accountId(), call.form().required(nameParam), call.form().required("PolicyName"),
                        call.form().required("PolicyDocument"))),
                QueryAction.of("Get" + kind + "Policy", resource, call -> {
                    String entity = call.form().required(nameParam);
                    String policyName = call.form().required("PolicyName");
                    String document = iam.getInlinePolicy(type, call.accountId(), entity, policyName);
                    return doc -> doc.element(nameParam, entity).element("PolicyName", policyName)
                            .element("PolicyDocument", IamDocuments.encoded(document));
                }),
                QueryAction.of("List" + kind + "Policies", resource, call -> Pages.ofNames(call, "PolicyNames",
                        iam.listInlinePolicies(type, call.accountId(), call.form().required(nameParam)))),
                QueryAction.noResult("Delete" + kind + "Policy", resource, call -> iam.deleteInlinePolicy(type,
                        call.accountId(), call.form().required(nameParam), call.form().required("PolicyName"))),
                QueryAction.noResult("Attach" + kind + "Policy", resource, call -> iam.attachPolicy(type,
                        call.accountId(), call.form().required(nameParam), call.form().required("PolicyArn"))),
                QueryAction.noResult("Detach" + kind + "Policy", resource, call -> iam.detachPolicy(type,
                        call.accountId(), call.form().required(nameParam), call.form().required("PolicyArn"))),
                QueryAction.of("ListAttached" + kind + "Policies", resource, call -> Pages.of(call,
                        "AttachedPolicies", iam.listAttachedPolicies(type, call.accountId(),
                                call.form().required(nameParam)), ManagedPolicy::name, IamDocuments::attachedPolicy)));
    }
}
