package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.api.xml.QueryDocument;
import io.granary.iam.IamService;
import io.granary.iam.ManagedPolicy;
import io.granary.iam.PolicyVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Customer-managed policies and their versions: CreatePolicy, GetPolicy, ListPolicies (Scope=Local
 * only: Granary has no AWS-managed policies), GetPolicyVersion, ListPolicyVersions,
 * CreatePolicyVersion, SetDefaultPolicyVersion, DeletePolicyVersion, DeletePolicy.
 */
final class ManagedPolicyActions {
    private final IamService iam;
    private final Resources resources;

    ManagedPolicyActions(IamService iam, Resources resources) {
        this.iam = iam;
        this.resources = resources;
    }

    List<QueryAction> actions() {
        return List.of(
                QueryAction.of("CreatePolicy", resources::policy, call -> policy(call, iam.createPolicy(
                        call.accountId(), call.form().required("PolicyName"), call.form().optional("Path"),
                        call.form().optional("Description"), call.form().required("PolicyDocument")))),
                QueryAction.of("GetPolicy", resources::policy, call -> policy(call, iam.getPolicy(call.accountId(),
                        call.form().required("PolicyArn")))),
                QueryAction.of("ListPolicies", Resources.all("policy"), this::listPolicies),
                QueryAction.of("GetPolicyVersion", resources::policy, call -> {
                    String arn = call.form().required("PolicyArn");
                    ManagedPolicy policy = iam.getPolicy(call.accountId(), arn);
                    PolicyVersion version = iam.getPolicyVersion(call.accountId(), arn,
                            call.form().required("VersionId"));
                    return version(policy, version);
                }),
                QueryAction.of("ListPolicyVersions", resources::policy, call -> {
                    ManagedPolicy policy = iam.getPolicy(call.accountId(), call.form().required("PolicyArn"));
                    return Pages.of(call, "Versions", policy.versions(), PolicyVersion::versionId, (doc, v) ->
                            doc.element("VersionId", v.versionId()).element("IsDefaultVersion",
                                    v.versionId().equals(policy.defaultVersionId()))
                                    .element("CreateDate", IamDocuments.date(v.createdEpochMillis())));
                }),
                QueryAction.of("CreatePolicyVersion", resources::policy, call -> {
                    String arn = call.form().required("PolicyArn");
                    PolicyVersion version = iam.createPolicyVersion(call.accountId(), arn,
                            call.form().required("PolicyDocument"), call.form().bool("SetAsDefault"));
                    return version(iam.getPolicy(call.accountId(), arn), version);
                }),
                QueryAction.noResult("SetDefaultPolicyVersion", resources::policy, call ->
                        iam.setDefaultPolicyVersion(call.accountId(), call.form().required("PolicyArn"),
                                call.form().required("VersionId"))),
                QueryAction.noResult("DeletePolicyVersion", resources::policy, call -> iam.deletePolicyVersion(
                        call.accountId(), call.form().required("PolicyArn"), call.form().required("VersionId"))),
                QueryAction.noResult("DeletePolicy", resources::policy, call -> iam.deletePolicy(call.accountId(),
                        call.form().required("PolicyArn"))));
    }

    private Consumer<QueryDocument> policy(QueryCall call, ManagedPolicy policy) {
        int attachments = iam.policyAttachmentCount(call.accountId(), policy.arn());
        return doc -> {
            doc.start("Policy");
            IamDocuments.policy(doc, policy, attachments);
            doc.end();
        };
    }

    private static Consumer<QueryDocument> version(ManagedPolicy policy, PolicyVersion version) {
        boolean isDefault = version.versionId().equals(policy.defaultVersionId());
        return doc -> {
            doc.start("PolicyVersion");
            IamDocuments.policyVersion(doc, version, isDefault);
            doc.end();
        };
    }

    /** Scope=AWS lists nothing (there are no AWS-managed policies here); All and Local list the account's. */
    private Consumer<QueryDocument> listPolicies(QueryCall call) {
        String scope = call.form().optional("Scope");
        List<ManagedPolicy> policies = scope != null && scope.toUpperCase(Locale.ROOT).equals("AWS") ? List.of()
                : iam.listPolicies(call.accountId(), call.form().optional("PathPrefix"),
                        call.form().bool("OnlyAttached"));
        Map<String, Integer> counts = policies.stream().collect(Collectors.toMap(ManagedPolicy::arn,
                p -> iam.policyAttachmentCount(call.accountId(), p.arn())));
        return Pages.of(call, "Policies", policies, ManagedPolicy::name, (doc, p) ->
                IamDocuments.policy(doc, p, counts.get(p.arn())));
    }
}
