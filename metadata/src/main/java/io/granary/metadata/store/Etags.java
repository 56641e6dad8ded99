package io.granary.metadata.store;

/** ETag comparison that ignores the surrounding quotes clients may or may not send. */
public final class Etags {

    private Etags() {
    }

    static boolean same(String a, String b) {
        return a != null && b != null && strip(a).equals(strip(b));
    }

    /**
     * True when the comma-separated entity-tag list {@code header} (an If-Match or If-None-Match value)
     * names {@code etag} or is {@code *}; weak tags ({@code W/"..."}) compare by their opaque part.
     */
    public static boolean matchesAny(String header, String etag) {
        for (String candidate : header.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) tag = tag.substring(2);
            if (tag.equals("*") || same(tag, etag)) return true;
        }
        return false;
    }

    static String strip(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
