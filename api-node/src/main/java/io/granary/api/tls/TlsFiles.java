package io.granary.api.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PEM files a listener serves TLS with: {@code cert} holds the server certificate first, then any
 * intermediates (a chain, as web servers take it); {@code key} its private key (PKCS#8, or PKCS#1 RSA).
 * Read afresh on every {@link #keyCert()}, so a reload sees what an operator put in place.
 */
public record TlsFiles(Path cert, Path key) {

    /**
     * The certificate chain and key as read now, by value: Vert.x compares options to decide whether an
     * update changes anything, and paths alone would compare equal after the files changed.
     *
     * @throws UncheckedIOException when a file cannot be read
     * @throws IllegalArgumentException when a file holds no PEM block
     */
    public PemKeyCertOptions keyCert() {
        return new PemKeyCertOptions().setCertValue(pem(cert, "CERTIFICATE")).setKeyValue(pem(key, "PRIVATE KEY"));
    }

    private static Buffer pem(Path file, String kind) {
        try {
            String text = Files.readString(file);
            if (!text.contains("-----BEGIN ") || !text.contains(kind)) {
                throw new IllegalArgumentException(file + " holds no PEM " + kind);
            }
            return Buffer.buffer(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
