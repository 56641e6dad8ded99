package io.granary.bench.iam;

import io.granary.api.auth.RocksIdentityStore;
import io.granary.iam.EntityType;
import io.granary.iam.IamService;
import io.granary.iam.Identity;
import io.granary.iam.ManagedPolicy;
import io.granary.iam.RootCredentials;
import io.granary.iam.SecretCipher;
import io.granary.metadata.MetadataOptions;
import io.granary.metadata.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An {@link IamService} as the API node opens it, over {@link RocksIdentityStore} on a fresh temporary RocksDB,
 * holding the benchmarks' identities: in the system account, user {@code /apps/app-writer} with the ten managed
 * policies of {@link BenchPolicies#userPolicies()}, member of a group with an inline and a managed policy, with
 * one access key; a role {@code thumbnailer} that user may assume; a partner account; and {@value #OTHER_USERS}
 * other users with a key and a policy each, so the directory is not trivially small. The store is wrapped in a
 * {@link ReadCountingStore}, so a benchmark can prove its lookups never read it ({@link #startMeasuring()}).
 */
final class PopulatedIam implements AutoCloseable {
    static final String USER = "app-writer";
    static final String ROLE = "thumbnailer";
    private static final int OTHER_USERS = 100;

    private final Path dir;
    private final MetadataStore metadata;
    private final ReadCountingStore store;
    private final IamService iam;
    private final String accountId;
    private final String partnerAccountId;
    private final Identity userKey;
    private final String userSecret;
    private long readsAtStart = -1;

    private PopulatedIam(Path dir) {
        this.dir = dir;
        this.metadata = MetadataStore.open(dir.resolve("meta"), MetadataOptions.defaults());
        this.store = new ReadCountingStore(new RocksIdentityStore(metadata.iam()));
        this.iam = new IamService(store, new SecretCipher(new byte[32]),
                new RootCredentials("AKIDAUTHBENCHROOT", "authbench-root-secret", false), Clock.systemUTC());
        this.accountId = iam.systemAccount().accountId();
        this.partnerAccountId = iam.createAccount("partner").account().accountId();
        iam.createUser(accountId, USER, "/apps/", Map.of("team", "media"));
        for (BenchPolicies.Named policy : BenchPolicies.userPolicies()) {
            iam.attachPolicy(EntityType.USER, accountId, USER, create(policy).arn());
        }
        iam.createGroup(accountId, "media-team", "/teams/");
        iam.putInlinePolicy(EntityType.GROUP, accountId, "media-team", "Basics", BenchPolicies.groupInlinePolicy());
        iam.attachPolicy(EntityType.GROUP, accountId, "media-team", create(BenchPolicies.groupPolicy()).arn());
        iam.addUserToGroup(accountId, "media-team", USER);
        var created = iam.createAccessKey(accountId, USER);
        this.userSecret = created.secretKey();
        this.userKey = iam.findCredential(created.accessKeyId()).orElseThrow();
        String userArn = iam.getUser(accountId, USER).arn();
        iam.createRole(accountId, ROLE, null, null, BenchPolicies.trustPolicy(userArn), null);
        iam.attachPolicy(EntityType.ROLE, accountId, ROLE, policyArn("ReadPhotos"));
        addOtherUsers();
    }

    /** Creates and fills the store in a new temporary directory; {@link #close()} deletes it. */
    static PopulatedIam open() {
        try {
            return new PopulatedIam(Files.createTempDirectory("granary-authbench"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    IamService iam() {
        return iam;
    }

    /** The system account, owner of the benchmark bucket and of the user. */
    String accountId() {
        return accountId;
    }

    /** The user's long-term key, as request authentication resolves it. */
    Identity userKey() {
        return userKey;
    }

    String userSecret() {
        return userSecret;
    }

    /** The role's ARN. */
    String roleArn() {
        return iam.getRole(accountId, ROLE).arn();
    }

    /** The policy of {@link BenchPolicies#BUCKET}. */
    String bucketPolicy() {
        return BenchPolicies.bucketPolicy(accountId, partnerAccountId, iam.getUser(accountId, USER).arn());
    }

    private ManagedPolicy create(BenchPolicies.Named policy) {
        return iam.createPolicy(accountId, policy.name(), "/apps/", null, policy.document());
    }

    private String policyArn(String name) {
        return "arn:aws:iam::" + accountId + ":policy/apps/" + name;
    }

    private void addOtherUsers() {
        for (int i = 0; i < OTHER_USERS; i++) {
            String name = "service-" + i;
            iam.createUser(accountId, name, "/services/", null);
            iam.attachPolicy(EntityType.USER, accountId, name, policyArn(i % 2 == 0 ? "ReadPhotos" : "AppLogs"));
            iam.createAccessKey(accountId, name);
        }
    }

    /** Marks the end of setting up: from now on {@link #close()} fails if IAM has read its store. */
    void startMeasuring() {
        readsAtStart = store.reads();
    }

    @Override
    public void close() {
        try {
            if (readsAtStart >= 0) store.requireNoReadsSince(readsAtStart);
        } finally {
            metadata.close();
            delete();
        }
    }

    private void delete() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
