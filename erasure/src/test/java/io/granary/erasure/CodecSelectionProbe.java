package io.granary.erasure;

/** Run in a child JVM by {@link CodecSelectionTest}: prints which codec {@link ReedSolomon#create()} chose. */
public final class CodecSelectionProbe {
    private CodecSelectionProbe() {
    }

    public static void main(String[] args) {
        System.out.println("implementation=" + ReedSolomon.create().implementation());
    }
}
