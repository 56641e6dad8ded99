package io.granary.bench.iam;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How long a new access key takes to work (issue 13: at most 1 s from CreateAccessKey to the first successful S3
 * request with it), against a running server. For each of {@code --count} rounds it creates, through the IAM Query
 * API with the root credentials, a user and a policy allowing PutObject under {@code kv/} of the bucket, attaches
 * it, then times from sending CreateAccessKey until a PutObject signed with the new key succeeds, retrying at once
 * (at most every millisecond) while it is refused; the users, keys and policies are deleted afterwards. Prints
 * p50, p99 and max of that time and of CreateAccessKey alone, after {@code --warmup} untimed rounds. Run as
 * {@code java -cp bench/target/benchmarks.jar io.granary.bench.iam.KeyVisibility --endpoint http://127.0.0.1:9000}.
 */
@Command(name = "key-visibility", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Time from CreateAccessKey to the first successful S3 request with the new key.")
public final class KeyVisibility implements Callable<Integer> {
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Pattern SECRET = Pattern.compile("<SecretAccessKey>([^<]+)</SecretAccessKey>");
    private static final Pattern POLICY_ARN = Pattern.compile("<Arn>([^<]+)</Arn>");
    private static final long GIVE_UP_NANOS = 10_000_000_000L;

    @Option(names = "--endpoint", required = true, description = "S3 endpoint, e.g. http://127.0.0.1:9000")
    private URI endpoint;

    @Option(names = "--access-key", defaultValue = "${env:GRANARY_ACCESS_KEY}",
            description = "Root access key (default: $GRANARY_ACCESS_KEY)")
    private String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:GRANARY_SECRET_KEY}",
            description = "Root secret key (default: $GRANARY_SECRET_KEY)")
    private String secretKey;

    @Option(names = "--bucket", defaultValue = "key-visibility", description = "Bucket, created if missing")
    private String bucket;

    @Option(names = "--count", defaultValue = "20", description = "Rounds (${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--warmup", defaultValue = "1",
            description = "Untimed rounds first, so the client's own class loading is not counted (${DEFAULT-VALUE})")
    private int warmup;

    /** One round's timings, in nanoseconds, and how many S3 attempts the first success took. */
    private record Round(long createKeyNanos, long firstSuccessNanos, int attempts) {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new KeyVisibility()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (accessKey == null || secretKey == null) throw new IllegalArgumentException("root credentials missing");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        SignedHttp root = new SignedHttp(http, endpoint, accessKey, secretKey);
        HttpResponse<String> created = root.s3("PUT", "/" + bucket, new byte[0]);
        if (created.statusCode() != 200 && !created.body().contains("BucketAlreadyOwnedByYou")) {
            throw new IllegalStateException("cannot create bucket " + bucket + ": " + created.body());
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < warmup + count; i++) {
            Round round = round(http, root, "kv-" + run + "-" + i);
            if (i >= warmup) rounds.add(round);
        }
        long[] firstSuccess = rounds.stream().mapToLong(Round::firstSuccessNanos).toArray();
        long[] createKey = rounds.stream().mapToLong(Round::createKeyNanos).toArray();
        int maxAttempts = rounds.stream().mapToInt(Round::attempts).max().orElse(0);
        System.out.printf("key-visibility: %d rounds against %s%n", count, endpoint);
        System.out.println(line("CreateAccessKey -> first successful PutObject", firstSuccess));
        System.out.println(line("CreateAccessKey alone", createKey));
        System.out.printf("most S3 attempts before the first success: %d%n", maxAttempts);
        return 0;
    }

    private Round round(HttpClient http, SignedHttp root, String name) throws IOException, InterruptedException {
        call(root, "CreateUser", Map.of("UserName", name));
        String policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
                + "\"s3:PutObject\", \"Resource\": \"arn:aws:s3:::" + bucket + "/kv/*\"}]}";
        String policyArn = extract(POLICY_ARN, call(root, "CreatePolicy", Map.of("PolicyName", name,
                "PolicyDocument", policy)));
        call(root, "AttachUserPolicy", Map.of("UserName", name, "PolicyArn", policyArn));
        long start = System.nanoTime();
        String key = call(root, "CreateAccessKey", Map.of("UserName", name));
        long keyReturned = System.nanoTime();
        String keyId = extract(ACCESS_KEY_ID, key);
        SignedHttp user = new SignedHttp(http, endpoint, keyId, extract(SECRET, key));
        byte[] body = name.getBytes(StandardCharsets.UTF_8);
        int attempts = 0;
        while (true) {
            attempts++;
            HttpResponse<String> put = user.s3("PUT", "/" + bucket + "/kv/" + name, body);
            if (put.statusCode() == 200) break;
            if (System.nanoTime() - start > GIVE_UP_NANOS) {
                throw new IllegalStateException("the new key still fails after 10 s: " + put.body());
            }
            Thread.sleep(1);
        }
        long firstSuccess = System.nanoTime();
        call(root, "DeleteAccessKey", Map.of("UserName", name, "AccessKeyId", keyId));
        call(root, "DetachUserPolicy", Map.of("UserName", name, "PolicyArn", policyArn));
        call(root, "DeletePolicy", Map.of("PolicyArn", policyArn));
        call(root, "DeleteUser", Map.of("UserName", name));
        return new Round(keyReturned - start, firstSuccess - start, attempts);
    }

    private static String call(SignedHttp root, String action, Map<String, String> parameters)
            throws IOException, InterruptedException {
        HttpResponse<String> response = root.iam(action, parameters);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(action + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String extract(Pattern pattern, String xml) {
        Matcher m = pattern.matcher(xml);
        if (!m.find()) throw new IllegalStateException("unexpected IAM response: " + xml);
        return m.group(1);
    }

    /** Nearest-rank percentiles in milliseconds. */
    private static String line(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-46s p50 %8.2f ms   p99 %8.2f ms   max %8.2f ms", label, rank(sorted, 0.50),
                rank(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
