package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.heal.RewrapPass;
import io.granary.api.xml.IamDocuments;
import io.granary.iam.Account;
import io.granary.iam.IamService;
import io.granary.iam.KmsKey;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API's built-in key store ({@code /_admin/kms/keys}: {@code GET} lists, {@code POST ?name=} creates;
 * {@code /_admin/kms/keys/disable} and {@code /enable}, {@code POST ?name=}), each for the account
 * {@code ?account=NAME} names (default: the system account), and the master-key rotation
 * ({@code /_admin/kms/rotate-master}, {@link RewrapPass}). IAM writes RocksDB: every call runs on the
 * metadata pool.
 */
public final class KmsAdmin {
    private final IamService iam;
    private final AsyncMetadata metadata;
    private final String region;
    private final RewrapPass rotation;

    public KmsAdmin(IamService iam, AsyncMetadata metadata, String region, RewrapPass rotation) {
        this.iam = iam;
        this.metadata = metadata;
        this.region = region;
        this.rotation = rotation;
    }

    /** {@code POST} starts a master-key rotation (202 with its progress), {@code GET} reports it. */
    Future<Void> rotateMaster(HttpServerRequest http) {
        if (http.method() == HttpMethod.GET) return AdminResponses.json(http, 200, rotation.progress());
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        return rotation.rotate().compose(progress -> AdminResponses.json(http, 202, progress));
    }

    Future<Void> keys(HttpServerRequest http) {
        if (http.method() == HttpMethod.GET) {
            return metadata.call(store -> iam.listKmsKeys(account(http).accountId()))
                    .compose(keys -> AdminResponses.json(http, 200, Map.of("keys", keys.stream().map(this::key)
                            .toList())));
        }
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        String name = AccountsAdmin.required(http, "name");
        return metadata.call(store -> iam.createKmsKey(account(http).accountId(), name, http.getParam("description")))
                .compose(key -> AdminResponses.json(http, 200, key(key)));
    }

    /** {@code POST}: disables ({@code enabled} false) or enables the key {@code ?name=} names. */
    Future<Void> setEnabled(HttpServerRequest http, boolean enabled) {
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        String name = AccountsAdmin.required(http, "name");
        return metadata.call(store -> iam.setKmsKeyEnabled(account(http).accountId(), name, enabled))
                .compose(key -> AdminResponses.json(http, 200, key(key)));
    }

    private Account account(HttpServerRequest http) {
        return AccountsAdmin.account(iam, http);
    }

    private Map<String, Object> key(KmsKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", key.name());
        out.put("keyId", key.keyId());
        out.put("arn", key.arn(region));
        out.put("state", key.enabled() ? "Enabled" : "Disabled");
        out.put("managed", key.managed());
        if (key.description() != null) out.put("description", key.description());
        if (!key.managed()) out.put("createDate", IamDocuments.date(key.createdEpochMillis()));
        return out;
    }
}
