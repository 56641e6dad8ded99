package io.granary.api.http;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;

/** A non-negative integer query parameter or header ({@code max-parts}, {@code x-amz-part-number-marker}, ...). */
public final class CountParameter {

    private CountParameter() {
    }

    /**
     * @param value the parameter's value, or null for {@code fallback}
     * @throws S3Exception InvalidArgument when it is not a non-negative integer
     */
    public static int parse(String name, String value, int fallback) {
        if (value == null) return fallback;
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 0) return parsed;
        } catch (NumberFormatException e) {
            // falls through to the S3 error below
        }
        throw S3Exception.of(S3Error.INVALID_ARGUMENT, "Provided " + name + " not an integer or within integer "
                + "range").with("ArgumentName", name).with("ArgumentValue", value);
    }
}
