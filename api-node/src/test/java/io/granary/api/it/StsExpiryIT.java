package io.granary.api.it;

import static io.granary.api.it.IamClients.assertAwsError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.StepClock;
import io.granary.api.async.Pools;
import io.granary.api.auth.RocksIdentityStore;
import io.granary.api.http.Query;
import io.granary.api.http.S3Request;
import io.granary.api.http.S3Server;
import io.granary.api.http.SignedService;
import io.granary.api.iamapi.QueryEndpoint;
import io.granary.iam.IamService;
import io.granary.iam.RootCredentials;
import io.granary.iam.SecretCipher;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Temporary credentials past their expiry answer {@code 403 ExpiredToken}. The Query endpoint runs on
 * a real Vert.x server over a real RocksDB identity store, with the IAM service's clock (which judges
 * session expiry) moved past the session's end, while signatures are still checked against the real
 * time the SDK signs with.
 */
@Timeout(60)
class StsExpiryIT {
    private static final Map<String, String> ENV = Map.of(RootCredentials.ACCESS_KEY_ENV,
            GranaryServerExtension.ACCESS_KEY, RootCredentials.SECRET_KEY_ENV, GranaryServerExtension.SECRET_KEY);

    @Test
    void sessionPastItsExpiryIsExpiredToken(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        StepClock iamClock = new StepClock(Instant.now());
        try (MetadataStore metadata = MetadataStore.open(dir.resolve("meta"), MetadataOptions.defaults());
                Pools pools = new Pools(vertx, 2, 1, 1, 1)) {
            IamService iam = new IamService(new RocksIdentityStore(metadata.iam()), SecretCipher.load(dir, ENV),
                    RootCredentials.load(dir, ENV), iamClock);
            S3Server.QueryApi endpoint = new QueryEndpoint(iam, pools, Clock.systemUTC());
            HttpServer server = vertx.createHttpServer().requestHandler(http -> {
                http.pause();
                Query query = Query.parse(http.query());
                S3Request request = new S3Request(http, "req", "host", query, null);
                endpoint.handle(request, SignedService.of(http.method().name(), S3Server.rawPath(http), query,
                        http.getHeader("Authorization"), http.getHeader("Content-Type")));
            });
            int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
            URI endpointUri = URI.create("http://127.0.0.1:" + port);
            try (StsClient root = IamClients.sts(endpointUri, IamClients.root())) {
                Credentials session = root.getSessionToken(r -> r.durationSeconds(900)).credentials();
                try (StsClient asSession = IamClients.sts(endpointUri, IamClients.of(session))) {
                    assertEquals(iam.systemAccount().accountId(), asSession.getCallerIdentity().account());
                    iamClock.advance(Duration.ofSeconds(901));
                    assertAwsError(403, "ExpiredToken", asSession::getCallerIdentity);
                }
            } finally {
                server.close().toCompletionStage().toCompletableFuture().get();
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
