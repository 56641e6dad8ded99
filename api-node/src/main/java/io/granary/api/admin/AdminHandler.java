package io.granary.api.admin;

import io.granary.api.async.AsyncMetadata;
import io.granary.api.auth.Caller;
import io.granary.api.auth.RequestAuthenticator;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.heal.BackgroundPass;
import io.granary.api.heal.Recovery;
import io.granary.api.http.S3Request;
import io.granary.api.lifecycle.LifecycleWorker;
import io.granary.api.http.S3Server;
import io.granary.iam.IamService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.Map;

/**
 * The admin API under {@code /_admin/}: authenticates every request with SigV4 like any S3 request,
 * lets only the system account's root user through, and routes by path and method to the status report, the
 * background passes ({@code heal}, {@code scrub}, registered by name), node replacement, an orphan-shard
 * sweep, the recovery drill, accounts and the root-key rotation ({@link AccountsAdmin}), and the built-in key
 * store ({@link KmsAdmin}) and webhook targets ({@link WebhookAdmin}). Every
 * answer, errors included, is JSON written by {@link AdminResponses}; {@link #handle} never fails.
 */
public final class AdminHandler {
    /** The path prefix of every admin operation; {@code _} is never valid in a bucket name. */
    public static final String PREFIX = "/_admin";

    private final RequestAuthenticator authenticator;
    private final Recovery recovery;
    private final ClusterStatus status;
    private final RecoveryDrill drill;
    private final Map<String, BackgroundPass> passes;
    private final AccountsAdmin accounts;
    private final LifecycleWorker lifecycle;
    private final KmsAdmin kms;
    private final WebhookAdmin webhooks;

    /** @param passes the background passes by name ("heal", "scrub"); one missing answers NotAvailable */
    public AdminHandler(RequestAuthenticator authenticator, Recovery recovery, ClusterStatus status,
            RecoveryDrill drill, Map<String, BackgroundPass> passes, IamService iam, AsyncMetadata metadata,
            LifecycleWorker lifecycle, KmsAdmin kms, WebhookAdmin webhooks) {
        this.lifecycle = lifecycle;
        this.authenticator = authenticator;
        this.recovery = recovery;
        this.status = status;
        this.drill = drill;
        this.passes = Map.copyOf(passes);
        this.accounts = new AccountsAdmin(iam, metadata);
        this.kms = kms;
        this.webhooks = webhooks;
    }

    /** Answers one admin request; failures are answered as JSON errors, so the future always succeeds. */
    public Future<Void> handle(S3Request request) {
        HttpServerRequest http = request.http();
        Future<Void> done;
        try {
            requireSystemRoot(authenticator.authenticate(request));
            http.resume();
            done = route(http, S3Server.rawPath(http));
        } catch (RuntimeException e) {
            done = Future.failedFuture(e);
        }
        return done.recover(failure -> {
            AdminResponses.error(http, request.requestId(), failure);
            return Future.succeededFuture();
        });
    }

    private void requireSystemRoot(Caller caller) {
        if (!authenticator.isSystemRoot(caller)) {
            throw S3Exception.of(S3Error.ACCESS_DENIED, "The admin API is for the system account's root user only.");
        }
    }

    private Future<Void> route(HttpServerRequest http, String path) {
        HttpMethod method = http.method();
        return switch (path) {
            case PREFIX + "/accounts" -> accounts.accounts(http);
            case PREFIX + "/root-key/rotate" -> method == HttpMethod.POST ? accounts.rotateRootKey(http) : notAllowed();
            case PREFIX + "/kms/keys" -> kms.keys(http);
            case PREFIX + "/kms/keys/disable" -> kms.setEnabled(http, false);
            case PREFIX + "/kms/keys/enable" -> kms.setEnabled(http, true);
            case PREFIX + "/kms/rotate-master" -> kms.rotateMaster(http);
            case PREFIX + "/webhooks" -> webhooks.targets(http);
            case PREFIX + "/webhooks/remove" -> webhooks.remove(http);
            case PREFIX + "/webhooks/rotate-secret" -> webhooks.rotateSecret(http);
            case PREFIX + "/webhooks/status" -> webhooks.status(http);
            case PREFIX + "/webhooks/replay" -> webhooks.replay(http);
            case PREFIX + "/status" -> method == HttpMethod.GET ? status.report(http) : notAllowed();
            case PREFIX + "/heal", PREFIX + "/scrub" -> pass(http, path.substring(PREFIX.length() + 1));
            case PREFIX + "/drill" -> method == HttpMethod.POST ? drill.run(http) : notAllowed();
            // GET: the worker's status; POST: a pass now, answered when it ends (at once if one runs already).
            case PREFIX + "/lifecycle" -> method == HttpMethod.GET ? AdminResponses.json(http, 200, lifecycle.status())
                    : method == HttpMethod.POST ? lifecycle.runNow().compose(done -> AdminResponses.json(http, 200,
                    done)) : notAllowed();
            case PREFIX + "/nodes/replace" -> method == HttpMethod.POST ? replace(http) : notAllowed();
            case PREFIX + "/orphans" -> method == HttpMethod.POST ? recovery.orphans().sweep()
                    .compose(deleted -> AdminResponses.json(http, 200, Map.of("deleted", deleted))) : notAllowed();
            default -> Future.failedFuture(AdminException.noSuchOperation(path));
        };
    }

    /** {@code POST} starts the pass (202 with its progress), {@code GET} reports its progress. */
    private Future<Void> pass(HttpServerRequest http, String name) {
        BackgroundPass pass = passes.get(name);
        boolean start = http.method() == HttpMethod.POST;
        if (!start && http.method() != HttpMethod.GET) return notAllowed();
        if (pass == null) return Future.failedFuture(AdminException.notAvailable("The " + name + " pass"));
        if (!start) return AdminResponses.json(http, 200, pass.progress());
        String node = http.getParam("node");
        if (node != null && !recovery.nodes().ids().contains(node)) {
            return Future.failedFuture(AdminException.invalidArgument("There is no data node " + node + "."));
        }
        return pass.start(node).compose(progress -> AdminResponses.json(http, 202, progress));
    }

    /** Retires data node {@code old} for the one at URL {@code with} and starts moving its shards (202). */
    private Future<Void> replace(HttpServerRequest http) {
        String old = http.getParam("old");
        String with = http.getParam("with");
        if (old == null || with == null) {
            return Future.failedFuture(AdminException.invalidArgument("Give the node to retire (old) and the URL "
                    + "of the data node that replaces it (with)."));
        }
        URI url;
        try {
            url = URI.create(with);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(AdminException.invalidArgument("Not a URL: " + with));
        }
        boolean web = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
        if (!web || url.getHost() == null || url.getPort() < 0) {
            return Future.failedFuture(AdminException.invalidArgument("The data node URL must be http(s)://HOST:PORT, "
                    + "not " + with));
        }
        return recovery.replace(old, url)
                .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
                        ? AdminException.invalidArgument(e.getMessage()) : e))
                .compose(replaced -> AdminResponses.json(http, 202, replaced));
    }

    private static Future<Void> notAllowed() {
        return Future.failedFuture(methodNotAllowed());
    }

    static S3Exception methodNotAllowed() {
        return S3Exception.of(S3Error.METHOD_NOT_ALLOWED, "The method is not allowed for this admin operation.");
    }
}
