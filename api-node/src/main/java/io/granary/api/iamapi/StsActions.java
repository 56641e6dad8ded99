package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.iam.IamService;
import io.granary.iam.TemporaryCredentials;
import io.granary.iam.policy.RequestPrincipal;
import java.util.List;

/**
 * STS: GetCallerIdentity and GetSessionToken (no permission needed, as on AWS), and AssumeRole,
 * whose permission is the role's trust policy (and, across accounts, the caller's own policies),
 * which {@link IamService#assumeRole} evaluates.
 */
final class StsActions {
    private final IamService iam;

    StsActions(IamService iam) {
        this.iam = iam;
    }

    List<QueryAction> actions() {
        return List.of(
                QueryAction.of("GetCallerIdentity", null, call -> {
                    RequestPrincipal principal = call.caller().principal();
                    return doc -> doc.element("Arn", principal.arn()).element("UserId", principal.uniqueId())
                            .element("Account", principal.accountId());
                }),
                QueryAction.of("GetSessionToken", null, call -> {
                    TemporaryCredentials credentials = iam.getSessionToken(call.caller(),
                            call.form().integer("DurationSeconds"));
                    return doc -> IamDocuments.credentials(doc, credentials);
                }),
                QueryAction.of("AssumeRole", null, call -> {
                    TemporaryCredentials credentials = iam.assumeRole(call.caller(), call.form().required("RoleArn"),
                            call.form().required("RoleSessionName"), call.form().integer("DurationSeconds"),
                            call.form().optional("Policy"));
                    RequestPrincipal.AssumedRole session = (RequestPrincipal.AssumedRole) credentials.principal();
                    return doc -> {
                        IamDocuments.credentials(doc, credentials);
                        doc.start("AssumedRoleUser").element("AssumedRoleId", session.uniqueId())
                                .element("Arn", session.arn()).end();
                    };
                }));
    }
}
