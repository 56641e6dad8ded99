package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.xml.IamDocuments;
import io.granary.iam.Account;
import io.granary.iam.CreatedAccessKey;
import io.granary.iam.CreatedAccount;
import io.granary.iam.IamService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API's accounts ({@code /_admin/accounts}: list, create, delete) and the rotation of an
 * account's root key ({@code /_admin/root-key/rotate}). Accounts are not an IAM action (AWS creates
 * them through Organizations), so only the system account's root reaches these, through
 * {@link AdminHandler}. IAM writes RocksDB: every call runs on the metadata pool.
 */
final class AccountsAdmin {
    /** How long the previous root key keeps working after a rotation, unless {@code grace} says otherwise. */
    static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    private final IamService iam;
    private final AsyncMetadata metadata;

    AccountsAdmin(IamService iam, AsyncMetadata metadata) {
        this.iam = iam;
        this.metadata = metadata;
    }

    /** {@code GET} lists the accounts, {@code POST ?name=} creates one, {@code DELETE ?name=} deletes one. */
    Future<Void> accounts(HttpServerRequest http) {
        return switch (http.method().name()) {
            case "GET" -> metadata.call(store -> iam.listAccounts()).compose(accounts -> AdminResponses.json(http,
                    200, Map.of("accounts", accounts.stream().map(AccountsAdmin::account).toList())));
            case "POST" -> {
                String name = required(http, "name");
                yield metadata.call(store -> iam.createAccount(name)).compose(created -> AdminResponses.json(http,
                        200, created(created)));
            }
            case "DELETE" -> {
                String name = required(http, "name");
                yield metadata.call(store -> {
                    iam.deleteAccount(name, account -> store.buckets().list().stream()
                            .anyMatch(bucket -> account.accountId().equals(bucket.ownerAccountId())));
                    return name;
                }).compose(deleted -> AdminResponses.json(http, 200, Map.of("deleted", deleted)));
            }
            default -> Future.failedFuture(AdminHandler.methodNotAllowed());
        };
    }

    /**
     * {@code POST /_admin/root-key/rotate[?account=NAME][&grace=SECONDS]}: a new root key for the named
     * account (default: the system account), usable at once; its previous ones stop after the grace
     * period (default one hour; 0 stops them now).
     */
    Future<Void> rotateRootKey(HttpServerRequest http) {
        Duration grace = seconds(http, "grace", DEFAULT_GRACE);
        String name = http.getParam("account");
        return metadata.call(store -> {
            Account account = name == null ? iam.systemAccount() : iam.findAccountByName(name).orElseThrow(() ->
                    new AdminException("NoSuchEntity", 404, "There is no account named " + name + "."));
            return iam.rotateRootKey(account.accountId(), grace);
        }).compose(key -> AdminResponses.json(http, 200, rotated(key, grace)));
    }

    private static Map<String, Object> account(Account account) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", account.accountId());
        out.put("canonicalId", account.canonicalId());
        out.put("name", account.name());
        out.put("createDate", IamDocuments.date(account.createdEpochMillis()));
        return out;
    }

    /** The one time an account's root secret is shown. */
    private static Map<String, Object> created(CreatedAccount created) {
        Map<String, Object> out = account(created.account());
        out.put("accessKeyId", created.rootKey().accessKeyId());
        out.put("secretAccessKey", created.rootKey().secretKey());
        return out;
    }

    private static Map<String, Object> rotated(CreatedAccessKey key, Duration grace) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountId", key.accountId());
        out.put("accessKeyId", key.accessKeyId());
        out.put("secretAccessKey", key.secretKey());
        out.put("graceSeconds", grace.toSeconds());
        return out;
    }

    /** The account {@code ?account=NAME} names, or the system account; NoSuchEntity 404 for an unknown name. */
    static Account account(IamService iam, HttpServerRequest http) {
        String name = http.getParam("account");
        return name == null ? iam.systemAccount() : iam.findAccountByName(name).orElseThrow(() ->
                new AdminException("NoSuchEntity", 404, "There is no account named " + name + "."));
    }

    static String required(HttpServerRequest http, String name) {
        String value = http.getParam(name);
        if (value == null || value.isBlank()) {
            throw AdminException.invalidArgument("Give the " + name + " (?" + name + "=...).");
        }
        return value;
    }

    /** Parameter {@code name} as a number of seconds (0 or more), {@code fallback} when absent. */
    static Duration seconds(HttpServerRequest http, String name, Duration fallback) {
        String text = http.getParam(name);
        if (text == null) return fallback;
        try {
            long value = Long.parseLong(text);
            if (value >= 0) return Duration.ofSeconds(value);
        } catch (NumberFormatException e) {
            // answered below
        }
        throw AdminException.invalidArgument(name + " must be a number of seconds (0 or more), not " + text);
    }
}
