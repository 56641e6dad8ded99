package io.granary.bench.iam;

import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.policy.RequestContext;
import io.granary.iam.policy.RequestPrincipal;
import io.granary.metadata.model.BucketRecord;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Cost of authorising one S3 request of an IAM user with ten attached managed policies and a group (an inline
 * and a managed policy) against a bucket with a ten-statement policy, caches warm, as the API node runs it
 * ({@link AuthorizationStep}): a GetObject, a ListObjects with prefix, delimiter and max-keys, and a GetObject by
 * a role session whose session policy intersects. IAM sits on a real RocksDB ({@link PopulatedIam}); the trial
 * fails if any evaluation read it. Target (issue 13): at most 20 µs at p99, so run in sample mode:
 * {@code java -jar bench/target/benchmarks.jar 'Authoriz.*' -f 1 -wi 3 -i 5 -bm sample -tu us}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthorizationBenchmark {
    private static final String SOURCE_IP = "10.1.2.3";

    private PopulatedIam populated;
    private AuthorizationStep step;
    private RequestPrincipal user;
    private Identity roleSession;
    private BucketRecord bucket;
    private String objectArn;
    private String bucketArn;
    private Map<String, String> listingKeys;

    @Setup
    public void setUp() {
        populated = PopulatedIam.open();
        IamService iam = populated.iam();
        step = new AuthorizationStep(iam);
        user = populated.userKey().principal();
        var session = iam.assumeRole(populated.userKey(), populated.roleArn(), "bench", 3600,
                BenchPolicies.sessionPolicy());
        roleSession = iam.findSessionCredential(session.accessKeyId(), session.sessionToken());
        bucket = new BucketRecord(BenchPolicies.BUCKET, 1, populated.accountId(), 0, "us-east-1",
                populated.bucketPolicy());
        objectArn = RequestContext.objectArn(BenchPolicies.BUCKET, "2025/06/holiday pic.jpg");
        bucketArn = RequestContext.bucketArn(BenchPolicies.BUCKET);
        listingKeys = new LinkedHashMap<>();
        listingKeys.put(RequestContext.PREFIX, "2025/06/");
        listingKeys.put(RequestContext.DELIMITER, "/");
        listingKeys.put(RequestContext.MAX_KEYS, "1000");
        if (!userGetObject() || !userListBucket() || !roleSessionGetObject()) {
            throw new IllegalStateException("a benchmark request is not allowed: the fixture is wrong");
        }
        populated.startMeasuring();
    }

    @TearDown
    public void tearDown() {
        populated.close();
    }

    @Benchmark
    public boolean userGetObject() {
        return step.isAllowed(user, null, "s3:GetObject", objectArn, SOURCE_IP, Map.of(), bucket);
    }

    @Benchmark
    public boolean userListBucket() {
        return step.isAllowed(user, null, "s3:ListBucket", bucketArn, SOURCE_IP, listingKeys, bucket);
    }

    @Benchmark
    public boolean roleSessionGetObject() {
        return step.isAllowed(roleSession.principal(), roleSession.sessionPolicy(), "s3:GetObject", objectArn,
                SOURCE_IP, Map.of(), bucket);
    }
}
