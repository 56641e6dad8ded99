package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;

/** The {@code partNumber} query parameter of UploadPart, UploadPartCopy, GetObject and HeadObject. */
public final class PartNumberParameter {
    public static final String NAME = "partNumber";
    /** S3's largest part number, and so the most parts an upload can have. */
    public static final int MAX = 10_000;

    private PartNumberParameter() {
    }

    /**
     * @return the part number, or null when the request has none
     * @throws S3Exception InvalidArgument unless it is an integer from 1 to {@link #MAX}
     */
    public static Integer of(Query query) {
        String value = query.first(NAME);
        if (value == null) return null;
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= MAX) return number;
        } catch (NumberFormatException e) {
            // falls through to the S3 error below
        }
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Part number must be an integer between 1 and "
                + MAX + ", inclusive").with("ArgumentName", NAME).with("ArgumentValue", value);
    }
}
