package io.granary.metadata.store;

import io.granary.metadata.store.MetadataException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque ListObjectsV2 continuation token: a version letter and the base64url of the last entry. */
final class ContinuationToken {

    private static final String VERSION = "1";

    private ContinuationToken() {
    }

    static String encode(String lastEntry) {
        return VERSION + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(lastEntry.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        if (!token.startsWith(VERSION)) throw invalid();
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static MetadataException invalid() {
        return new MetadataException(Reason.INVALID_ARGUMENT, "the continuation token is not one this store issued");
    }
}
