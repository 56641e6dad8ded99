package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.metadata.store.VersionIds;

/**
 * The {@code versionId} query parameter (and the {@code versionId} of {@code x-amz-copy-source}): absent, the
 * literal {@code null}, or an id Granary made. Anything else is S3's 400 InvalidArgument, before any lookup.
 */
public final class VersionIdParameter {

    private VersionIdParameter() {
    }

    /** The request's version id, or null when it names none. */
    public static String of(S3Request request) {
        return parse(request.query("versionId"));
    }

    /** {@code value} checked as a version id; null stays null. */
    public static String parse(String value) {
        if (value == null) return null;
        if (value.isEmpty()) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Version id cannot be the empty string")
                    .with("ArgumentName", "versionId").with("ArgumentValue", value);
        }
        if (!VersionIds.isWellFormed(value)) {
            throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Invalid version id specified")
                    .with("ArgumentName", "versionId").with("ArgumentValue", value);
        }
        return value;
    }
}
