package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;

/**
 * The one place that refuses a request asking for something Granary does not do, per operation, before
 * any state is read or any body byte is taken: server-side encryption other than SSE-S3 ({@link EncryptionHeaders}),
 * website redirects and appends
 * (NotImplemented) and the directory-bucket delete conditions (NotImplemented). (An expected bucket owner
 * is checked against the bucket once it is loaded, {@link ExpectedBucketOwner}.) Headers that are fine to
 * accept are simply not listed
 * ({@code x-amz-request-payer}: no bucket is requester-pays, so the payer is always the owner). A POST form
 * upload's fields are checked as the headers of a PUT.
 */
public final class RequestFeatures {

    private RequestFeatures() {
    }

    /** @throws S3Exception the refusal of the first unsupported feature the request asks for */
    public static void refuseUnsupported(S3Operation operation, MultiMap headers) {
        EncryptionHeaders.check(operation, headers);
        switch (operation) {
            case PUT_OBJECT, POST_OBJECT, COPY_OBJECT, CREATE_MULTIPART_UPLOAD -> {
                refuse(headers, S3Headers.WEBSITE_REDIRECT_LOCATION, "Static website hosting");
                refuse(headers, S3Headers.WRITE_OFFSET_BYTES, "Appending to an object");
            }
            case DELETE_OBJECT -> {
                refuse(headers, S3Headers.IF_MATCH_LAST_MODIFIED_TIME, "This directory-bucket condition");
                refuse(headers, S3Headers.IF_MATCH_SIZE, "This directory-bucket condition");
                refuse(headers, S3Headers.MFA, "MFA delete");
            }
            case DELETE_OBJECTS, PUT_BUCKET_VERSIONING -> refuse(headers, S3Headers.MFA, "MFA delete");
            default -> {
                // Every other operation takes no feature header Granary lacks.
            }
        }
    }

    private static void refuse(MultiMap headers, String header, String feature) {
        if (headers.contains(header)) {
            throw S3Exception.of(S3Error.NOT_IMPLEMENTED, feature + " is not implemented; the " + header
                    + " header cannot be honoured.").with("Header", header);
        }
    }
}
