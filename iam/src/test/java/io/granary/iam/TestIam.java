package io.granary.iam;

import java.nio.file.Path;
import java.time.Clock;

/** The IAM service the iam tests open: a file store under a temporary directory, a fixed master key and root. */
final class TestIam {
    static final String ROOT_KEY = "ROOTKEY";
    static final String ROOT_SECRET = "rootsecret";

    private TestIam() {
    }

    /** Opens (or reopens, over the same directory) the service. */
    static IamService open(Path dir, Clock clock) {
        return new IamService(new FileIdentityStore(dir), new SecretCipher(new byte[32]),
                new RootCredentials(ROOT_KEY, ROOT_SECRET, false), clock);
    }
}
