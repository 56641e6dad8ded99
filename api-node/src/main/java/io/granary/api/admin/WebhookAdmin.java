package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.notify.WebhookDelivery;
import io.granary.iam.Account;
import io.granary.iam.CreatedWebhook;
import io.granary.iam.IamService;
import io.granary.iam.WebhookTarget;
import io.granary.iam.sigv4.SigV4Signing;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin API's webhook targets, each for the account {@code ?account=NAME} names (default: the system account):
 * {@code /_admin/webhooks} ({@code GET} lists, {@code POST ?name=&url=} adds), {@code /_admin/webhooks/remove},
 * {@code /rotate-secret} ({@code ?overlap=SECONDS}, default a day), {@code /status} and {@code /replay}
 * ({@code ?since=ISO-8601}), all {@code ?name=}. A secret the operator chooses travels in the body (its SHA-256 is
 * the signed payload hash), never in the URL; a generated one is answered once.
 */
public final class WebhookAdmin {
    private static final Duration DEFAULT_OVERLAP = Duration.ofDays(1);
    private static final int MAX_SECRET_BYTES = 4096;

    private final IamService iam;
    private final AsyncMetadata metadata;
    private final WebhookDelivery delivery;
    private final String region;

    public WebhookAdmin(IamService iam, AsyncMetadata metadata, WebhookDelivery delivery, String region) {
        this.iam = iam;
        this.metadata = metadata;
        this.delivery = delivery;
        this.region = region;
    }

    Future<Void> targets(HttpServerRequest http) {
        if (http.method() == HttpMethod.GET) {
            return AdminResponses.json(http, 200, Map.of("webhooks", iam.listWebhooks(account(http).accountId())
                    .stream().map(this::describe).toList()));
        }
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        String name = AccountsAdmin.required(http, "name");
        String url = AccountsAdmin.required(http, "url");
        String accountId = account(http).accountId();
        return secret(http).compose(secret -> metadata.call(store -> iam.createWebhook(accountId, name, url, secret)))
                .compose(created -> AdminResponses.json(http, 200, created(created)));
    }

    Future<Void> remove(HttpServerRequest http) {
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        String name = AccountsAdmin.required(http, "name");
        String accountId = account(http).accountId();
        return metadata.call(store -> {
            iam.deleteWebhook(accountId, name);
            return null;
        }).compose(v -> AdminResponses.json(http, 200, Map.of("removed", name)));
    }

    Future<Void> rotateSecret(HttpServerRequest http) {
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        String name = AccountsAdmin.required(http, "name");
        String accountId = account(http).accountId();
        Duration overlap = AccountsAdmin.seconds(http, "overlap", DEFAULT_OVERLAP);
        return secret(http).compose(secret -> metadata.call(store -> iam.rotateWebhookSecret(accountId, name, secret,
                overlap))).compose(created -> AdminResponses.json(http, 200, created(created)));
    }

    Future<Void> status(HttpServerRequest http) {
        if (http.method() != HttpMethod.GET) return Future.failedFuture(AdminHandler.methodNotAllowed());
        WebhookTarget target = target(http);
        return delivery.status(target.arn(region)).compose(status -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", target.name());
            out.putAll(status);
            return AdminResponses.json(http, 200, out);
        });
    }

    Future<Void> replay(HttpServerRequest http) {
        if (http.method() != HttpMethod.POST) return Future.failedFuture(AdminHandler.methodNotAllowed());
        WebhookTarget target = target(http);
        long since = since(http.getParam("since"));
        return delivery.replay(target.arn(region), since)
                .compose(replayed -> AdminResponses.json(http, 200, Map.of("name", target.name(), "replayed",
                        replayed)));
    }

    private WebhookTarget target(HttpServerRequest http) {
        String name = AccountsAdmin.required(http, "name");
        return iam.findWebhook(account(http).accountId(), name).orElseThrow(() -> new AdminException("NoSuchEntity",
                404, "There is no webhook named " + name + "."));
    }

    /** The secret in the body (null when the body is empty), once its hash is the one the request signed. */
    private static Future<String> secret(HttpServerRequest http) {
        String signed = http.getHeader("x-amz-content-sha256");
        return http.body().map(body -> {
            if (body.length() == 0) return null;
            if (body.length() > MAX_SECRET_BYTES) throw AdminException.invalidArgument("The secret is too long.");
            if (signed == null || !signed.equals(SigV4Signing.sha256Hex(body.getBytes()))) {
                throw AdminException.invalidArgument("The body's SHA-256 is not the signed payload hash.");
            }
            return body.toString(StandardCharsets.UTF_8);
        });
    }

    private Account account(HttpServerRequest http) {
        return AccountsAdmin.account(iam, http);
    }

    private Map<String, Object> describe(WebhookTarget target) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", target.name());
        out.put("arn", target.arn(region));
        out.put("url", target.url());
        out.put("secrets", target.secrets().size());
        out.put("created", Instant.ofEpochMilli(target.createdEpochMillis()).toString());
        return out;
    }

    private Map<String, Object> created(CreatedWebhook created) {
        Map<String, Object> out = describe(created.target());
        out.put("secret", created.secret());
        return out;
    }

    private static long since(String text) {
        if (text == null) return 0;
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw AdminException.invalidArgument("since must be an ISO-8601 instant (2026-12-07T10:00:00Z), not "
                    + text);
        }
    }
}
