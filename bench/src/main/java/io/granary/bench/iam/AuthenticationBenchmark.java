package io.granary.bench.iam;

import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.TemporaryCredentials;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.Credential;
import io.granary.iam.sigv4.CredentialLookup;
import io.granary.iam.sigv4.SigV4Verifier;
import io.granary.iam.sigv4.SignedRequest;
import io.granary.iam.sigv4.SigningKeyCache;
import io.granary.iam.sigv4.SigningRules;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of authenticating an S3 GetObject signed by an IAM user, as the API node's {@code RequestAuthenticator} does
 * it on the event loop: SigV4 verification over a cached signing key, the secret and principal found through
 * {@link IamService#findCredential} (a long-term key) or {@link IamService#findSessionCredential} (the request's
 * session token, opened once and then cached). IAM sits on a real RocksDB ({@link PopulatedIam}); the trial fails if
 * a lookup read it. Run with
 * {@code java -jar bench/target/benchmarks.jar 'iam.Authentication' -f 1 -wi 3 -i 5 -bm sample -tu us}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthenticationBenchmark {
    private static final int SIGNING_KEYS_CACHED = 10_000;

    private PopulatedIam populated;
    private IamService iam;
    private final SigningKeyCache signingKeys = new SigningKeyCache(SIGNING_KEYS_CACHED);
    private SignedRequest userRequest;
    private SignedRequest sessionRequest;
    private String sessionToken;

    @Setup
    public void setUp() {
        populated = PopulatedIam.open();
        iam = populated.iam();
        Identity user = populated.userKey();
        userRequest = SignedGet.of(user.accessKeyId(), populated.userSecret(), null);
        TemporaryCredentials session = iam.getSessionToken(user, 3600);
        sessionToken = session.sessionToken();
        sessionRequest = SignedGet.of(session.accessKeyId(), session.secretAccessKey(), sessionToken);
        if (userKeyGetObject() == null || sessionKeyGetObject() == null) {
            throw new IllegalStateException("a benchmark request does not authenticate: the fixture is wrong");
        }
        populated.startMeasuring();
    }

    @TearDown
    public void tearDown() {
        populated.close();
    }

    @Benchmark
    public Identity userKeyGetObject() {
        return authenticate(userRequest, null);
    }

    @Benchmark
    public Identity sessionKeyGetObject() {
        return authenticate(sessionRequest, sessionToken);
    }

    /** The identity a request authenticates as, or null. */
    private Identity authenticate(SignedRequest request, String token) {
        KeyLookup lookup = new KeyLookup(token);
        AuthResult result = new SigV4Verifier(lookup, signingKeys, SignedGet.VERIFIER_CLOCK, SigningRules.s3(null))
                .authenticate(request);
        return result instanceof AuthResult.Authenticated ? lookup.found : null;
    }

    /** As the API node's: a long-term key, or temporary credentials when a session token came with the request. */
    private final class KeyLookup implements CredentialLookup {
        private final String token;
        private Identity found;

        KeyLookup(String token) {
            this.token = token;
        }

        @Override
        public Optional<Credential> find(String accessKeyId) {
            Optional<Identity> identity = token == null ? iam.findCredential(accessKeyId)
                    : Optional.of(iam.findSessionCredential(accessKeyId, token));
            found = identity.orElse(null);
            return identity.map(i -> new Credential(i.accessKeyId(), i.secretKey(), i.accessKeyId()));
        }
    }
}
