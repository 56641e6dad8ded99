package io.granary.api.acl;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.AclHeaders;
import io.granary.api.xml.Owner;
import io.granary.iam.Account;
import io.granary.iam.IamService;
import io.granary.metadata.model.Acl;
import java.util.Optional;

/**
 * Resolves grantees between S3's names and Granary's accounts: an account's canonical user id (what ACLs store
 * and clients name with {@code id=}), the predefined groups ({@code uri=}) and e-mail addresses, which name no
 * one here because accounts have none ({@code UnresolvableGrantByEmailAddress}, as AWS answers for an unknown
 * address). Lookups are in memory; runs on the event loop.
 */
public final class Grantees {
    private final IamService iam;

    public Grantees(IamService iam) {
        this.iam = iam;
    }

    /** The canonical id of an account; a deleted account keeps its account id in its place. */
    public String canonicalId(String accountId) {
        return iam.findAccount(accountId).map(Account::canonicalId).orElse(accountId);
    }

    /** The Owner element of a canonical user: its id and, when it is an account, the account's name. */
    public Owner owner(String canonicalId) {
        return new Owner(canonicalId, account(canonicalId).map(Account::name).orElse(null));
    }

    /** The account whose canonical id is {@code canonicalId}, if any. */
    public Optional<Account> account(String canonicalId) {
        return iam.listAccounts().stream().filter(a -> a.canonicalId().equals(canonicalId)).findFirst();
    }

    /**
     * One grant to the grantee named {@code type} ({@code id}, {@code uri} or {@code emailAddress}, as in the
     * grant headers) and {@code value}.
     *
     * @throws S3Exception InvalidArgument for an unknown canonical id or group, UnresolvableGrantByEmailAddress
     */
    public Acl.Grant resolve(String permission, String type, String value) {
        return switch (type) {
            case AclHeaders.ID -> {
                if (account(value).isEmpty()) {
                    throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid id")
                            .with("ArgumentName", "CanonicalUser/ID").with("ArgumentValue", value);
                }
                yield new Acl.Grant(value, null, permission);
            }
            case AclHeaders.URI -> {
                if (!Permissions.GROUPS.contains(value)) {
                    throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid group uri")
                            .with("ArgumentName", "Group/URI").with("ArgumentValue", value);
                }
                yield new Acl.Grant(null, value, permission);
            }
            default -> throw S3Exception.of(S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS).with("EmailAddressGivenByUser",
                    value);
        };
    }
}
