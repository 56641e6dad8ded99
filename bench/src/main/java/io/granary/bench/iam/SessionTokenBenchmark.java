package io.granary.bench.iam;

import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.TemporaryCredentials;
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
 * Cost of resolving temporary credentials from their session token alone ({@link IamService#findSessionCredential}),
 * which runs on the event loop for every request signed with them: a user's GetSessionToken session and a role
 * session with a session policy, their tokens already opened once (the steady state of a client reusing its
 * credentials); and a token's first use, measured as GetSessionToken plus the first lookup (AES-GCM seal and open,
 * JSON both ways), an upper bound of what a new token costs. The trial fails if IAM read its RocksDB store. Run
 * with {@code java -jar bench/target/benchmarks.jar 'iam.SessionToken' -f 1 -wi 3 -i 5 -bm sample -tu us}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionTokenBenchmark {
    private PopulatedIam populated;
    private IamService iam;
    private TemporaryCredentials userSession;
    private TemporaryCredentials roleSession;

    @Setup
    public void setUp() {
        populated = PopulatedIam.open();
        iam = populated.iam();
        userSession = iam.getSessionToken(populated.userKey(), 3600);
        roleSession = iam.assumeRole(populated.userKey(), populated.roleArn(), "bench", 3600,
                BenchPolicies.sessionPolicy());
        if (openRoleSessionToken().sessionPolicy() == null) {
            throw new IllegalStateException("the role session lost its session policy");
        }
        populated.startMeasuring();
    }

    @TearDown
    public void tearDown() {
        populated.close();
    }

    @Benchmark
    public Identity openUserSessionToken() {
        return iam.findSessionCredential(userSession.accessKeyId(), userSession.sessionToken());
    }

    @Benchmark
    public Identity openRoleSessionToken() {
        return iam.findSessionCredential(roleSession.accessKeyId(), roleSession.sessionToken());
    }

    @Benchmark
    public Identity issueAndFirstOpen() {
        TemporaryCredentials fresh = iam.getSessionToken(populated.userKey(), 3600);
        return iam.findSessionCredential(fresh.accessKeyId(), fresh.sessionToken());
    }
}
