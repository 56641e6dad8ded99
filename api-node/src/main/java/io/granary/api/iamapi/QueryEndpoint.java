package io.granary.api.iamapi;

import io.granary.api.async.Pools;
import io.granary.api.http.Query;
import io.granary.api.http.S3Request;
import io.granary.api.http.S3Server;
import io.granary.api.http.SignedService;
import io.granary.api.xml.QueryDocument;
import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS IAM and STS APIs (Query protocol) on the S3 port, for the requests {@link SignedService}
 * routes here: read the small form body (with a limit), authenticate it for its service, look the
 * action up in the table its families fill, check the caller may do it, run it on the metadata pool
 * (IamService writes RocksDB) and answer IAM's XML. Every failure is answered here, as IAM's
 * {@code ErrorResponse}; nothing propagates to the S3 error path.
 */
public final class QueryEndpoint implements S3Server.QueryApi {
    /** Forms are small; a 20 KiB policy percent-encoded stays well below this. */
    static final int MAX_BODY_BYTES = 128 * 1024;
    static final String IAM_VERSION = "2010-05-08";
    static final String STS_VERSION = "2011-06-15";
    private static final Set<String> UNSIGNED_STS_ACTIONS = Set.of("AssumeRoleWithWebIdentity",
            "AssumeRoleWithSAML");
    private static final Logger LOG = LoggerFactory.getLogger(QueryEndpoint.class);

    private final Pools pools;
    private final QueryAuthenticator authenticator;
    private final QueryAuthorizer authorizer;
    private final Map<String, QueryAction> iamActions;
    private final Map<String, QueryAction> stsActions;

    public QueryEndpoint(IamService iam, Pools pools, Clock clock) {
        this.pools = pools;
        this.authenticator = new QueryAuthenticator(iam, clock);
        this.authorizer = new QueryAuthorizer(iam);
        Resources resources = new Resources(iam);
        this.iamActions = table(new UserActions(iam, resources).actions(),
                new AccessKeyActions(iam, resources, clock).actions(),
                new EntityPolicyActions(iam, resources).actions(),
                new ManagedPolicyActions(iam, resources).actions(), new GroupActions(iam, resources).actions(),
                new RoleActions(iam, resources).actions());
        this.stsActions = table(new StsActions(iam).actions());
    }

    @SafeVarargs
    private static Map<String, QueryAction> table(List<QueryAction>... families) {
        Map<String, QueryAction> table = new HashMap<>();
        for (List<QueryAction> family : families) {
            for (QueryAction action : family) {
                if (table.put(action.name(), action) != null) {
                    throw new IllegalStateException("two handlers for " + action.name());
                }
            }
        }
        return Map.copyOf(table);
    }

    /** The actions served for a service, for tests and the startup check. */
    Set<String> actions(SignedService service) {
        return service == SignedService.IAM ? iamActions.keySet() : stsActions.keySet();
    }

    @Override
    public void handle(S3Request request, SignedService service) {
        HttpServerRequest http = request.http();
        String namespace = service == SignedService.IAM ? QueryDocument.IAM_NAMESPACE : QueryDocument.STS_NAMESPACE;
        readBody(http).compose(body -> call(request, service, body.getBytes()))
                .compose(answer -> ok(http, namespace, answer, request.requestId()))
                .onFailure(failure -> error(http, namespace, request.requestId(), failure));
    }

    /** What an action answered: its name and its result's writer (null for none). */
    private record Answer(String action, Consumer<QueryDocument> result) {
    }

    private Future<Answer> call(S3Request request, SignedService service, byte[] body) {
        QueryForm form = QueryForm.of(request.query(), Query.parse(new String(body, StandardCharsets.UTF_8)));
        if (service == SignedService.UNSIGNED_QUERY) throw unsigned(form);
        boolean isIam = service == SignedService.IAM;
        String signedFor = isIam ? "iam" : "sts";
        Identity caller = authenticator.authenticate(request, body, signedFor);
        QueryAction action = action(form, isIam ? iamActions : stsActions, isIam ? IAM_VERSION : STS_VERSION);
        QueryCall call = new QueryCall(caller, form);
        return pools.meta(() -> {
            authorizer.check(call, action, signedFor);
            return new Answer(action.name(), action.run().apply(call));
        });
    }

    private static QueryAction action(QueryForm form, Map<String, QueryAction> table, String version) {
        String name = form.action();
        if (name == null || name.isEmpty()) {
            throw new IamApiException(IamError.MISSING_ACTION, "Missing Action");
        }
        String asked = form.optional("Version");
        QueryAction action = table.get(name);
        if (action == null || asked != null && !asked.equals(version)) {
            throw new IamApiException(IamError.INVALID_ACTION, "Could not find operation " + name + " for version "
                    + (asked == null ? version : asked));
        }
        return action;
    }

    /** Unsigned STS calls (web identity, SAML) need identity providers Granary does not have. */
    private static IamApiException unsigned(QueryForm form) {
        String action = form.action();
        if (action != null && UNSIGNED_STS_ACTIONS.contains(action)) {
            return new IamApiException(IamError.INVALID_ACTION, "Granary does not support " + action
                    + ": it has no identity providers. Sign STS requests with SigV4 (AssumeRole, GetSessionToken).");
        }
        return IamApiException.of(IamError.MISSING_AUTHENTICATION_TOKEN);
    }

    private static Future<Buffer> readBody(HttpServerRequest http) {
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        http.handler(piece -> {
            if (done.future().isComplete()) return;
            if (body.length() + piece.length() > MAX_BODY_BYTES) {
                done.tryFail(new IamApiException(IamError.REQUEST_ENTITY_TOO_LARGE, "Request body is larger than "
                        + MAX_BODY_BYTES + " bytes."));
                return;
            }
            body.appendBuffer(piece);
        });
        http.exceptionHandler(done::tryFail);
        http.response().closeHandler(v -> done.tryFail(new IamApiException(IamError.VALIDATION_ERROR,
                "The connection closed before the request body ended.")));
        http.endHandler(v -> done.tryComplete(body));
        String expect = http.getHeader("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) http.response().writeContinue();
        http.resume();
        return done.future();
    }

    private static Future<Void> ok(HttpServerRequest http, String namespace, Answer answer, String requestId) {
        Buffer xml = QueryDocument.response(namespace, answer.action(), requestId, answer.result());
        return http.response().setStatusCode(200).putHeader("Content-Type", "text/xml").end(xml);
    }

    private static void error(HttpServerRequest http, String namespace, String requestId, Throwable failure) {
        IamApiException error = QueryErrors.toQuery(failure);
        if (error.error() == IamError.SERVICE_FAILURE) {
            LOG.error("request {} {} {} failed", requestId, http.method(), http.path(), failure);
        }
        HttpServerResponse response = http.response();
        if (response.ended() || response.closed()) return;
        boolean unread = !http.isEnded();
        if (unread) response.putHeader("Connection", "close");
        response.setStatusCode(error.error().status()).putHeader("Content-Type", "text/xml")
                .end(QueryDocument.error(namespace, error.error().type(), error.error().code(), error.getMessage(),
                        requestId));
        if (unread) http.connection().close();
    }
}
