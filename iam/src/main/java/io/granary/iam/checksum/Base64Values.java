package io.granary.iam.checksum;

import java.util.Base64;

/** Strict decoding of base64 header values, failing with the header's name in the message. */
final class Base64Values {
    private Base64Values() {
    }

    static byte[] decode(String base64, String headerName) {
        if (base64 == null || base64.isEmpty()) {
            throw new InvalidChecksumException(InvalidChecksumException.Reason.MALFORMED_BASE64, headerName,
                    "Value for " + headerName + " header is empty");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidChecksumException(InvalidChecksumException.Reason.MALFORMED_BASE64, headerName,
                    "Value for " + headerName + " header is invalid: not base64");
        }
    }
}
