package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.api.xml.QueryDocument;
import io.granary.iam.Account;
import io.granary.iam.IamService;
import io.granary.iam.User;
import io.granary.iam.policy.RequestPrincipal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and the user tag actions. */
final class UserActions {
    private final IamService iam;
    private final Resources resources;

    UserActions(IamService iam, Resources resources) {
        this.iam = iam;
        this.resources = resources;
    }

    List<QueryAction> actions() {
        return List.of(
                QueryAction.of("CreateUser", resources::user, call -> {
                    User user = iam.createUser(call.accountId(), call.form().required("UserName"),
                            call.form().optional("Path"), call.form().map("Tags"));
                    return doc -> {
                        doc.start("User");
                        IamDocuments.userWithTags(doc, user);
                        doc.end();
                    };
                }),
                QueryAction.of("GetUser", this::getUserResource, this::getUser),
                QueryAction.of("ListUsers", Resources.all("user"), call -> Pages.of(call, "Users",
                        iam.listUsers(call.accountId(), call.form().optional("PathPrefix")), User::name,
                        IamDocuments::user)),
                QueryAction.noResult("UpdateUser", resources::user, call -> iam.updateUser(call.accountId(),
                        call.form().required("UserName"), call.form().optional("NewUserName"),
                        call.form().optional("NewPath"))),
                QueryAction.noResult("DeleteUser", resources::user, call -> iam.deleteUser(call.accountId(),
                        call.form().required("UserName"))),
                QueryAction.noResult("TagUser", resources::user, call -> iam.tagUser(call.accountId(),
                        call.form().required("UserName"), call.form().map("Tags"))),
                QueryAction.noResult("UntagUser", resources::user, call -> iam.untagUser(call.accountId(),
                        call.form().required("UserName"), call.form().list("TagKeys"))),
                QueryAction.of("ListUserTags", resources::user, call -> {
                    Map<String, String> tags = iam.listUserTags(call.accountId(), call.form().required("UserName"));
                    return doc -> {
                        IamDocuments.tags(doc, tags);
                        doc.element("IsTruncated", false);
                    };
                }));
    }

    /** GetUser without a name asks about the caller; an account root then sees itself, as on AWS. */
    private String getUserResource(QueryCall call) {
        return isRootAboutItself(call) ? call.caller().principal().arn() : resources.user(call);
    }

    private Consumer<QueryDocument> getUser(QueryCall call) {
        if (isRootAboutItself(call)) {
            Account account = iam.findAccount(call.accountId()).orElseThrow();
            return doc -> doc.start("User").element("UserId", account.accountId()).element("Arn", account.rootArn())
                    .element("CreateDate", IamDocuments.date(account.createdEpochMillis())).end();
        }
        User user = iam.getUser(call.accountId(), call.userNameOrSelf());
        return doc -> {
            doc.start("User");
            IamDocuments.userWithTags(doc, user);
            doc.end();
        };
    }

    private static boolean isRootAboutItself(QueryCall call) {
        return call.form().optional("UserName") == null
                && call.caller().principal() instanceof RequestPrincipal.AccountRoot;
    }
}
