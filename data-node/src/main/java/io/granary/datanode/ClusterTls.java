package io.granary.datanode;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS between the API node and data nodes with a cluster CA. A node's TLS directory holds {@value #CA} (the
 * cluster CA, the only one trusted), {@value #CERT} (its certificate, or chain, signed by that CA, naming its
 * host) and {@value #KEY} (its PKCS#8 private key), as {@code granary admin certs init} writes them or an
 * operator brings them. Both sides authenticate: a data node requires a client certificate from the cluster
 * CA, and the API node checks the data node's certificate against the CA and the host it dials. A data node
 * with TLS speaks nothing else, so a plaintext request never reaches it.
 *
 * @param dir the directory holding the three files
 */
public record ClusterTls(Path dir) {
    public static final String CA = "ca.pem";
    public static final String CERT = "cert.pem";
    public static final String KEY = "key.pem";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTls.class);

    /** The TLS material in {@code dir}; refuses a directory that lacks one of the three files. */
    public static ClusterTls fromDir(Path dir) throws IOException {
        for (String name : new String[] {CA, CERT, KEY}) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new IllegalArgumentException("cluster TLS directory " + dir + " has no " + name
                        + " (granary admin certs init makes one)");
            }
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir.resolve(KEY));
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("cluster TLS key {} is readable by group or others; chmod 600 it", dir.resolve(KEY));
            }
        } catch (UnsupportedOperationException notPosix) {
            LOG.debug("cannot check the permissions of {}", dir.resolve(KEY));
        }
        return new ClusterTls(dir);
    }

    /** A data node's listener: TLS only, with a client certificate from the cluster CA required. */
    HttpServerOptions server(HttpServerOptions options) {
        return options.setSsl(true).setKeyCertOptions(keyCert()).setTrustOptions(trust())
                .setClientAuth(ClientAuth.REQUIRED);
    }

    /** The API node's client: trusts only the cluster CA, checks the dialled host, presents its certificate. */
    ClientSSLOptions client() {
        return new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(trust())
                .setKeyCertOptions(keyCert());
    }

    private PemKeyCertOptions keyCert() {
        return new PemKeyCertOptions().setCertPath(dir.resolve(CERT).toString())
                .setKeyPath(dir.resolve(KEY).toString());
    }

    private PemTrustOptions trust() {
        return new PemTrustOptions().addCertPath(dir.resolve(CA).toString());
    }
}
