package io.granary.api.it.soak;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One soak client: a loop of PUT (single or multipart), GET (whole or ranged), LIST and DELETE on keys under its
 * own prefix, so what it last wrote is what every read must return. A GET whose bytes differ counts as wrong
 * bytes; a LIST that misses or adds a key counts as a wrong listing. A failed write makes its key uncertain (it
 * may or may not have committed): that key is no longer checked.
 */
final class SoakClient implements Runnable {
    /** What a key holds: the seed and length of its bytes, and their SHA-256. */
    record Written(long seed, long size, String sha256) {
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final SoakSettings settings;
    private final SoakTally tally;
    private final BooleanSupplier stopped;
    private final SplittableRandom random;
    private final Map<String, Written> keys = new LinkedHashMap<>();
    private final Set<String> uncertain = new HashSet<>();
    private long nextKey;

    SoakClient(S3Client s3, String bucket, int index, SoakSettings settings, SoakTally tally,
               BooleanSupplier stopped) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = "client-" + index + "/";
        this.settings = settings;
        this.tally = tally;
        this.stopped = stopped;
        this.random = new SplittableRandom(settings.seed() * 31 + index);
    }

    @Override
    public void run() {
        while (!stopped.getAsBoolean()) {
            int roll = random.nextInt(100);
            if (keys.isEmpty() || roll < 35) {
                put();
            } else if (roll < 75) {
                get();
            } else if (roll < 88) {
                list();
            } else {
                delete();
            }
        }
    }

    /** Reads every key this client holds, whole, counted as {@code op} (the end-of-run check); how many. */
    int verifyAll(String op) {
        for (String key : keys.keySet()) read(key, false, op);
        return keys.size();
    }

    private void put() {
        String key = keys.size() >= settings.keysPerClient() || (!keys.isEmpty() && random.nextBoolean())
                ? randomKey() : prefix + "object-" + nextKey++;
        long size = objectSize();
        long seed = random.nextLong();
        Written written = new Written(seed, size, SeededBytes.sha256(seed, 0, size));
        boolean multipart = size >= settings.multipartFrom() && random.nextBoolean();
        OpStats stats = tally.op(multipart ? "MULTIPART" : "PUT");
        long start = System.nanoTime();
        try {
            if (multipart) {
                uploadInParts(key, seed, size);
            } else {
                s3.putObject(b -> b.bucket(bucket).key(key), body(seed, 0, size));
            }
            stats.ok(start);
            keys.put(key, written);
            uncertain.remove(key);
        } catch (SdkException e) {
            stats.failed(key + ": " + e.getMessage());
            keys.remove(key);
            uncertain.add(key);
        }
    }

    private void uploadInParts(String key, long seed, long size) {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += settings.partSize()) {
            int number = parts.size() + 1;
            long length = Math.min(settings.partSize(), size - offset);
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                    body(seed, offset, length)).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(parts)));
    }

    private void get() {
        boolean ranged = random.nextInt(10) < 3;
        read(randomKey(), ranged, ranged ? "GET range" : "GET");
    }

    private void read(String key, boolean ranged, String op) {
        Written written = keys.get(key);
        long first = ranged ? random.nextLong(written.size()) : 0;
        long last = ranged ? Math.min(written.size() - 1, first + random.nextLong(4L << 20)) : written.size() - 1;
        OpStats stats = tally.op(op);
        long start = System.nanoTime();
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(b -> {
            b.bucket(bucket).key(key);
            if (ranged) b.range("bytes=" + first + "-" + last);
        })) {
            String sha = sha256(body);
            stats.ok(start);
            String expected = ranged ? SeededBytes.sha256(written.seed(), first, last - first + 1) : written.sha256();
            if (!expected.equals(sha)) tally.wrongBytes(key + " bytes " + first + "-" + last, last - first + 1);
        } catch (SdkException | IOException e) {
            stats.failed(key + ": " + e.getMessage());
        }
    }

    private void list() {
        OpStats stats = tally.op("LIST");
        long start = System.nanoTime();
        try {
            Set<String> listed = new HashSet<>();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(50))
                    .contents()) {
                listed.add(object.key());
            }
            stats.ok(start);
            listed.removeAll(uncertain);
            if (!listed.equals(keys.keySet())) {
                tally.wrongListing(prefix + ": listed " + listed + ", held " + keys.keySet());
            }
        } catch (SdkException e) {
            stats.failed(prefix + ": " + e.getMessage());
        }
    }

    private void delete() {
        String key = randomKey();
        OpStats stats = tally.op("DELETE");
        long start = System.nanoTime();
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
            stats.ok(start);
            keys.remove(key);
        } catch (SdkException e) {
            stats.failed(key + ": " + e.getMessage());
            keys.remove(key);
            uncertain.add(key);
        }
    }

    private String randomKey() {
        List<String> held = new ArrayList<>(keys.keySet());
        return held.get(random.nextInt(held.size()));
    }

    /** 70 % 4–64 KiB, 25 % 64 KiB–4 MiB, 5 % 4 MiB–max, log-uniform within each band. */
    private long objectSize() {
        int band = random.nextInt(100);
        long low = band < 70 ? 4 << 10 : band < 95 ? 64 << 10 : 4 << 20;
        long high = band < 70 ? 64 << 10 : band < 95 ? 4 << 20 : settings.maxObjectBytes();
        high = Math.min(high, settings.maxObjectBytes());
        low = Math.min(low, high);
        return Math.round(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
    }

    private static RequestBody body(long seed, long offset, long length) {
        return RequestBody.fromContentProvider(() -> new SeededBytes(seed, offset, length), length,
                "application/octet-stream");
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = SeededBytes.newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        return HexFormat.of().formatHex(digest.digest());
    }
}
