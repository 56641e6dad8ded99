package io.granary.metadata.store;

/** ETag comparison that ignores the surrounding quotes clients may or may not send. */
final class Etags {

    private Etags() {
    }

    static boolean same(String a, String b) {
        return a != null && b != null && strip(a).equals(strip(b));
    }

    static String strip(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
