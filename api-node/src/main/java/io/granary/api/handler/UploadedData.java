package io.granary.api.handler;

import io.granary.api.pipeline.PartKeys;
import io.granary.metadata.model.Encryption;
import io.granary.metadata.model.Sealing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.granary.api.auth.Caller;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.http.ChecksumHeaders;
import io.granary.api.http.S3Headers;
import io.granary.api.http.S3Request;
import io.granary.api.pipeline.PayloadDigests;
import io.granary.api.pipeline.ShardSet;
import io.granary.api.pipeline.StripeWriter;
import io.granary.datanode.ShardInfo;
import io.granary.iam.checksum.ChecksumAlgorithm;
import io.granary.iam.checksum.Md5;
import io.granary.iam.sigv4.AuthResult;
import io.granary.iam.sigv4.PayloadMode;
import io.granary.metadata.model.Checksum;
import io.granary.metadata.model.ChecksumType;
import io.granary.metadata.model.HealReason;
import io.granary.metadata.model.HealTask;
import io.granary.metadata.model.PartLayout;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The data half of PutObject and UploadPart: checks the declared size, streams the body through a
 * {@link StripeWriter} onto a new shard set, verifies every digest the client sent, and makes the
 * shards durable at quorum. The result is what the metadata commit needs, which the caller runs through
 * {@link #settle}: it deletes the shards if the commit fails, and ends the set's time in flight.
 */
final class UploadedData {
    /** S3's limit for a single PUT and for one part. */
    static final long MAX_SIZE = 5L * 1024 * 1024 * 1024;
    /** The size of a body sent with {@code Transfer-Encoding: chunked} and no Content-Length. */
    static final long UNKNOWN_SIZE = -1;

    private final Services services;

    UploadedData(Services services) {
        this.services = services;
    }

    /**
     * The result of one upload.
     *
     * @param failedShards indexes whose shard could not be written (queued for healing at commit)
     */
    record Result(PartLayout layout, String etag, byte[] md5, List<Checksum> checksums, byte[] checksum,
            List<Integer> failedShards, ShardSet shardSet) {

        /** The server-side encryption the bytes were stored with, null for none. */
        Encryption encryption() {
            return layout.sealing() == null ? null : layout.sealing().encryption();
        }

        /** Heal tasks for the shards that failed, naming the object (or upload) they belong to. */
        List<HealTask> healTasks(String bucket, String key, String uploadId, long now) {
            List<HealTask> tasks = new ArrayList<>();
            for (int shard : failedShards) {
                tasks.add(new HealTask(bucket, key, uploadId, layout.partNumber(), shardSet.id(), shard,
                        shardSet.nodes().get(shard), HealReason.WRITE_FAILED, now));
            }
            return tasks;
        }
    }

    /**
     * Streams the request body into a new shard set as part {@code partNumber}, encrypted at rest with
     * {@code sse}, or in clear when it is null.
     */
    Future<Result> store(S3Request request, Caller caller, ChecksumHeaders checks, ChecksumType checksumType,
            int partNumber, PartKeys.Request sse) {
        long size = declaredSize(request, caller);
        return services.shards().openWriter(caller.auth(), checks.algorithm(), size, sse).compose(writer -> {
            // A connection closed while the writers opened has already dropped its close event, so a
            // pipe set up now would never end and the open shard writes would never be aborted. The same
            // holds for a body that broke meanwhile (already answered, see S3Server).
            if (request.http().response().closed() || request.http().response().ended()) {
                S3Exception gone = S3Exception.of(S3Error.INCOMPLETE_BODY, "The client closed the connection "
                        + "before sending the body.");
                writer.abort(gone);
                settled(writer.shardSet());
                return Future.failedFuture(gone);
            }
            if (size == UNKNOWN_SIZE) {
                writer.limit(MAX_SIZE, S3Exception.of(S3Error.ENTITY_TOO_LARGE).with("MaxSizeAllowed",
                        String.valueOf(MAX_SIZE)));
            }
            Access.acceptBody(request);
            return fill(request.http(), writer, checks, size, checksumType, partNumber);
        });
    }

    /** Streams {@code size} bytes of an existing object (CopyObject, UploadPartCopy) into a new shard set. */
    Future<Result> copy(ReadStream<Buffer> source, long size, ChecksumAlgorithm algorithm, ChecksumType checksumType,
            int partNumber, PartKeys.Request sse) {
        return stream(source, size, new ChecksumHeaders(null, algorithm, null, false), checksumType, partNumber, sse);
    }

    /**
     * Streams {@code size} bytes no signature covers (a copy source, a form's file part) into a new shard set,
     * verifying the digests {@code checks} names.
     */
    Future<Result> stream(ReadStream<Buffer> source, long size, ChecksumHeaders checks, ChecksumType checksumType,
            int partNumber, PartKeys.Request sse) {
        AuthResult unsigned = new AuthResult.Anonymous(new PayloadMode.Unsigned());
        return services.shards().openWriter(unsigned, checks.algorithm(), size, sse)
                .compose(writer -> fill(source, writer, checks, size, checksumType, partNumber));
    }

    private Future<Result> fill(ReadStream<Buffer> source, StripeWriter writer, ChecksumHeaders checks, long size,
            ChecksumType checksumType, int partNumber) {
        return source.pipe().endOnFailure(false).to(writer)
                .recover(failure -> {
                    writer.abort(failure);
                    return Future.failedFuture(failure);
                })
                .compose(v -> verify(writer, checks, size))
                .compose(digests -> writer.commit().map(infos -> result(writer, digests, infos, checks,
                        checksumType, partNumber)))
                // Shards a lost quorum left committed are the orphan collector's from now on.
                .onFailure(e -> settled(writer.shardSet()));
    }

    private Future<PayloadDigests.Result> verify(StripeWriter writer, ChecksumHeaders checks, long size) {
        PayloadDigests.Result digests = writer.digests();
        try {
            if (size != UNKNOWN_SIZE && digests.length() != size) {
                throw S3Exception.of(S3Error.INCOMPLETE_BODY, "You did not provide the number of bytes specified by "
                        + "the Content-Length HTTP header.");
            }
            checks.verify(digests.md5(), digests.checksum(), writer.trailers());
            return Future.succeededFuture(digests);
        } catch (RuntimeException e) {
            writer.abort(e);
            return Future.failedFuture(e);
        }
    }

    private static Result result(StripeWriter writer, PayloadDigests.Result digests, List<ShardInfo> infos,
            ChecksumHeaders checks, ChecksumType checksumType, int partNumber) {
        String etag = "\"" + etag(digests.md5(), writer.sealing()) + "\"";
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < infos.size(); i++) {
            if (infos.get(i) == null) failed.add(i);
        }
        ShardSet set = writer.shardSet();
        PartLayout layout = new PartLayout(partNumber, writer.storedBytes(), etag, set.id(), set.nodes(), null,
                writer.sealing());
        List<Checksum> checksums = digests.checksum() == null ? List.of()
                : List.of(new Checksum(checks.algorithm().apiName(), ChecksumHeaders.encode(digests.checksum()),
                        checksumType));
        return new Result(layout, etag, digests.md5(), checksums, digests.checksum(), failed, set);
    }

    /**
     * The MD5 of the plaintext, as S3 gives for SSE-S3 and clear objects; for SSE-KMS and SSE-C an opaque
     * value instead (as S3's), so an ETag does not reveal a digest of data under a key the server may not hold.
     */
    private static String etag(byte[] md5, Sealing sealing) {
        if (sealing == null || Encryption.AES256.equals(sealing.encryption().algorithm())) return Md5.etag(md5);
        try {
            MessageDigest opaque = MessageDigest.getInstance("MD5");
            opaque.update(md5);
            return Md5.etag(opaque.digest(sealing.wrappedKey().getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    /**
     * Settles the write of {@code data} with {@code commit}, its metadata half: on failure the new shards are
     * deleted; either way the set is no longer in flight for the orphan collector once the outcome is known.
     */
    <T> Future<T> settle(Result data, Future<T> commit) {
        return commit.recover(failure -> discard(data).transform(ignored -> Future.<T>failedFuture(failure)))
                .onComplete(done -> settled(data.shardSet()));
    }

    private void settled(ShardSet set) {
        services.shards().writing().remove(set.id());
    }

    /** Deletes the shards of an upload whose metadata commit failed. */
    private Future<Void> discard(Result result) {
        return services.shards().delete(result.shardSet());
    }

    /**
     * The payload length: {@code x-amz-decoded-content-length} for aws-chunked bodies, else
     * Content-Length, else {@link #UNKNOWN_SIZE} for an HTTP-chunked body (streamed, refused as soon as it
     * passes 5 GiB); without any of them {@code MissingContentLength}. Above 5 GiB is EntityTooLarge.
     */
    static long declaredSize(S3Request request, Caller caller) {
        boolean chunked = caller.auth().payloadMode() instanceof PayloadMode.Chunked;
        String value = request.header(chunked ? S3Headers.DECODED_CONTENT_LENGTH : S3Headers.CONTENT_LENGTH);
        if (value == null) {
            if (chunked) throw S3Exception.of(S3Error.MISSING_SECURITY_HEADER).with("MissingHeaderName",
                    S3Headers.DECODED_CONTENT_LENGTH);
            if (chunkedTransfer(request)) return UNKNOWN_SIZE;
            throw S3Exception.of(S3Error.MISSING_CONTENT_LENGTH);
        }
        long size;
        try {
            size = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid " + (chunked ? S3Headers.DECODED_CONTENT_LENGTH
                    : S3Headers.CONTENT_LENGTH));
        }
        if (size < 0) throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Negative content length");
        if (size > MAX_SIZE) throw tooLarge(size);
        return size;
    }

    /** Whether the body is HTTP-chunked ({@code chunked} is always the last transfer coding, RFC 9112). */
    private static boolean chunkedTransfer(S3Request request) {
        String coding = request.header(S3Headers.TRANSFER_ENCODING);
        return coding != null && coding.trim().toLowerCase(Locale.ROOT).endsWith("chunked");
    }

    private static S3Exception tooLarge(long size) {
        return S3Exception.of(S3Error.ENTITY_TOO_LARGE).with("ProposedSize", String.valueOf(size))
                .with("MaxSizeAllowed", String.valueOf(MAX_SIZE));
    }
}
