package io.granary.api.it;

import io.granary.api.tls.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA, an intermediate it signs, and server certificates the intermediate issues for 127.0.0.1 and
 * localhost, made with the JDK's own keytool (no openssl, no extra library). The server gets the chain
 * file (leaf, then intermediate) and the leaf's PKCS#8 key in PEM; clients trust only {@link #caPem()}.
 */
final class TestCertificates {
    private static final String PASSWORD = "test-only";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(1);

    private final Path dir;
    private final Path chain;
    private final Path key;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.chain = dir.resolve("server-chain.pem");
        this.key = dir.resolve("server-key.pem");
    }

    /** Makes the CA, the intermediate and a first server certificate with common name {@code name} in {@code dir}. */
    static TestCertificates create(Path dir, String name) {
        try {
            TestCertificates certs = new TestCertificates(dir);
            certs.keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=Granary Test CA",
                    "-ext", "bc:c=ca:true");
            certs.keytool("-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
            certs.keytool("-genkeypair", "-keystore", "intermediate.p12", "-alias", "intermediate",
                    "-dname", "CN=Granary Test Intermediate");
            certs.keytool("-certreq", "-keystore", "intermediate.p12", "-alias", "intermediate",
                    "-file", "intermediate.csr");
            certs.keytool("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", "intermediate.csr",
                    "-outfile", "intermediate.pem", "-rfc", "-ext", "bc:c=ca:true,pathlen:0",
                    "-ext", "ku:c=keyCertSign,cRLSign");
            certs.issue(name);
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the server certificate and key files with a new pair for common name {@code name}. */
    void issue(String name) throws IOException {
        Files.deleteIfExists(dir.resolve("server.p12"));
        keytool("-genkeypair", "-keystore", "server.p12", "-alias", "server", "-dname", "CN=" + name);
        keytool("-certreq", "-keystore", "server.p12", "-alias", "server", "-file", "server.csr");
        keytool("-gencert", "-keystore", "intermediate.p12", "-alias", "intermediate", "-infile", "server.csr",
                "-outfile", "server.pem", "-rfc", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-ext", "eku=serverAuth", "-ext", "ku=digitalSignature");
        String leaf = Files.readString(dir.resolve("server.pem"));
        String intermediate = Files.readString(dir.resolve("intermediate.pem"));
        byte[] pkcs8;
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            pkcs8 = store.getKey("server", PASSWORD.toCharArray()).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        // Written whole, then moved over the old files, as an operator's renewal would.
        Path newChain = dir.resolve("chain.tmp");
        Path newKey = dir.resolve("key.tmp");
        Files.writeString(newChain, leaf.trim() + "\n" + intermediate.trim() + "\n");
        Files.writeString(newKey, pem);
        Files.move(newKey, key, StandardCopyOption.REPLACE_EXISTING);
        Files.move(newChain, chain, StandardCopyOption.REPLACE_EXISTING);
    }

    TlsFiles files() {
        return new TlsFiles(chain, key);
    }

    Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** Trust managers that trust only the test CA. */
    TrustManager[] trustManagers() {
        try (InputStream in = Files.newInputStream(caPem())) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("granary-test-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3"));
        } else if (args[0].equals("-gencert")) {
            command.addAll(List.of("-validity", "3"));
        }
        try {
            ChildProcess.run(command, Map.of(), KEYTOOL_TIMEOUT, dir).requireSuccess();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
