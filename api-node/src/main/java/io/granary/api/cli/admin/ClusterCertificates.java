package io.granary.api.cli.admin;

import io.granary.datanode.ClusterTls;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster CA and its node certificates, as {@code granary admin certs init} writes them: ECDSA P-256 keys
 * (JDK), X.509 v3 certificates (BouncyCastle, as the JDK has no public API to issue them). The CA lives in
 * {@code DIR/ca.pem} and {@code DIR/ca-key.pem}; each node gets {@code DIR/NAME/} with {@link ClusterTls#CA},
 * {@link ClusterTls#CERT} and {@link ClusterTls#KEY}, usable as its {@code --cluster-tls-dir}. A node
 * certificate names the node's hosts as subject alternative names (DNS or IP) and serves both as a server
 * (data node) and as a client (API node) certificate. Keys are written 0600 and directories 0700.
 */
final class ClusterCertificates {
    static final String CA_KEY = "ca-key.pem";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Duration validity;

    ClusterCertificates(Path dir, Duration validity) {
        this.dir = dir;
        this.validity = validity;
    }

    /** A node to certify: its directory name and the hosts its certificate names. */
    record Node(String name, List<String> hosts) {
        /** {@code NAME} or {@code NAME=HOST,HOST...}; a bare name is also its only host. */
        static Node parse(String spec) {
            int equals = spec.indexOf('=');
            String name = equals < 0 ? spec : spec.substring(0, equals);
            List<String> hosts = equals < 0 ? List.of(name) : List.of(spec.substring(equals + 1).split(","));
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("node name " + name + " must be letters, digits, '.' and '-'");
            }
            for (String host : hosts) {
                if (host.isBlank()) throw new IllegalArgumentException("empty host in " + spec);
            }
            return new Node(name, hosts);
        }
    }

    /** Whether the CA exists already (new node certificates are then issued by it). */
    boolean hasCa() {
        return Files.exists(dir.resolve(ClusterTls.CA));
    }

    /** Makes the CA unless it exists, then one directory per node; refuses to overwrite a node's directory. */
    List<Path> init(List<Node> nodes) throws IOException, GeneralSecurityException {
        for (Node node : nodes) {
            if (Files.exists(dir.resolve(node.name()))) {
                throw new IllegalArgumentException(dir.resolve(node.name()) + " exists; remove it to issue anew");
            }
        }
        createPrivateDirectory(dir);
        if (!hasCa()) writeCa();
        X509Certificate ca = readCertificate(dir.resolve(ClusterTls.CA));
        PrivateKey caKey = readKey(dir.resolve(CA_KEY));
        List<Path> written = new ArrayList<>();
        for (Node node : nodes) {
            written.add(writeNode(node, ca, caKey));
        }
        return written;
    }

    private void writeCa() throws IOException, GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X500Name subject = new X500Name("CN=Granary cluster CA");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, pair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(pair.getPublic()));
        writePem(dir.resolve(ClusterTls.CA), "CERTIFICATE", sign(builder, pair.getPrivate()).getEncoded(), false);
        writePem(dir.resolve(CA_KEY), "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
    }

    private Path writeNode(Node node, X509Certificate ca, PrivateKey caKey)
            throws IOException, GeneralSecurityException {
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)),
                new X500Name("CN=" + node.name()), pair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(node.hosts()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        Path nodeDir = dir.resolve(node.name());
        createPrivateDirectory(nodeDir);
        writePem(nodeDir.resolve(ClusterTls.CERT), "CERTIFICATE", sign(builder, caKey).getEncoded(), false);
        writePem(nodeDir.resolve(ClusterTls.KEY), "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
        Files.copy(dir.resolve(ClusterTls.CA), nodeDir.resolve(ClusterTls.CA));
        return nodeDir;
    }

    private static GeneralNames subjectAltNames(List<String> hosts) {
        GeneralName[] names = new GeneralName[hosts.size()];
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i).trim();
            names[i] = new GeneralName(IP.matcher(host).matches() ? GeneralName.iPAddress : GeneralName.dNSName, host);
        }
        return new GeneralNames(names);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static void createPrivateDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
        Files.writeString(file, "", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dirOf(file) + " has a CA certificate but not its key " + CA_KEY
                    + "; issue node certificates with the CA that holds it");
        }
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static Path dirOf(Path file) {
        return file.getParent() == null ? Path.of(".") : file.getParent();
    }
}
