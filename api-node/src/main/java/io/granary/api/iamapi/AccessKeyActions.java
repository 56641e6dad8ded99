package io.granary.api.iamapi;

import io.granary.api.xml.IamDocuments;
import io.granary.iam.AccessKey;
import io.granary.iam.AccessKeyInfo;
import io.granary.iam.AccessKeyLastUsed;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.IamArns;
import io.granary.iam.IamException;
import io.granary.iam.IamService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Users' access keys: CreateAccessKey (two per user), ListAccessKeys, UpdateAccessKey,
 * DeleteAccessKey, GetAccessKeyLastUsed. A key created here authenticates the very next request: the
 * IAM service's in-memory mirror is updated before the call returns.
 */
final class AccessKeyActions {
    private final IamService iam;
    private final Resources resources;
    private final Clock clock;

    AccessKeyActions(IamService iam, Resources resources, Clock clock) {
        this.iam = iam;
        this.resources = resources;
        this.clock = clock;
    }

    List<QueryAction> actions() {
        return List.of(
                QueryAction.of("CreateAccessKey", resources::user, call -> {
                    long now = clock.millis();
                    CreatedAccessKey key = iam.createAccessKey(call.accountId(), call.userNameOrSelf());
                    return doc -> {
                        doc.start("AccessKey");
                        IamDocuments.createdKey(doc, key, now);
                        doc.end();
                    };
                }),
                QueryAction.of("ListAccessKeys", this::keyUser, call -> {
                    String user = call.userNameOrCaller();
                    return Pages.of(call, "AccessKeyMetadata", iam.listAccessKeys(call.accountId(), user),
                            AccessKeyInfo::accessKeyId, IamDocuments::keyMetadata).andThen(doc -> doc.element(
                                    "UserName", user));
                }),
                QueryAction.noResult("UpdateAccessKey", this::keyUser, call -> iam.updateAccessKey(
                        call.accountId(), call.userNameOrCaller(), call.form().required("AccessKeyId"),
                        status(call.form().required("Status")))),
                QueryAction.noResult("DeleteAccessKey", this::keyUser, call -> iam.deleteAccessKey(
                        call.accountId(), call.userNameOrCaller(), call.form().required("AccessKeyId"))),
                QueryAction.of("GetAccessKeyLastUsed", this::keyUser, call -> {
                    AccessKeyLastUsed used = iam.getAccessKeyLastUsed(call.accountId(),
                            call.form().required("AccessKeyId"));
                    return doc -> doc.element("UserName", used.userName()).start("AccessKeyLastUsed")
                            .element("LastUsedDate", used.lastUsedEpochMillis() == 0 ? null
                                    : IamDocuments.date(used.lastUsedEpochMillis()))
                            .element("ServiceName", used.serviceName() == null ? "N/A" : used.serviceName())
                            .element("Region", used.region() == null ? "N/A" : used.region()).end();
                }));
    }

    /**
     * The user whose keys the call is about: the named user or the calling user, else (an account root
     * naming none) the key's own user; all the account's users for an unknown key or a listing.
     */
    private String keyUser(QueryCall call) {
        if (call.userNameOrCaller() != null) return resources.user(call);
        String keyId = call.form().optional("AccessKeyId");
        try {
            String owner = keyId == null ? null : iam.getAccessKeyLastUsed(call.accountId(), keyId).userName();
            if (owner != null) {
                return IamArns.user(call.accountId(), iam.getUser(call.accountId(), owner).path(), owner);
            }
        } catch (IamException unknown) {
            // answered NoSuchEntity by the action itself once the caller is allowed to ask
        }
        return Resources.all("user").apply(call);
    }

    private static AccessKey.Status status(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "active" -> AccessKey.Status.ACTIVE;
            case "inactive" -> AccessKey.Status.INACTIVE;
            default -> throw new IamApiException(IamError.VALIDATION_ERROR, "1 validation error detected: Value '"
                    + value + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[Active, Inactive]");
        };
    }
}
