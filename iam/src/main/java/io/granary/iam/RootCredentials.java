package io.granary.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The root access key pair. From {@code GRANARY_ACCESS_KEY}/{@code GRANARY_SECRET_KEY} when both
 * are set (nothing is written then); otherwise read from {@code <data-dir>/root-credentials}, or
 * generated on first start and written there mode 0600. The file is JSON with a format version;
 * it is not encrypted, since it sits next to the master key anyway and the operator must be able
 * to read it back.
 *
 * @param generated true only on the start that generated them: the launcher prints them then, once
 */
public record RootCredentials(String accessKeyId, String secretKey, boolean generated) {
    public static final String ACCESS_KEY_ENV = "GRANARY_ACCESS_KEY";
    public static final String SECRET_KEY_ENV = "GRANARY_SECRET_KEY";
    public static final String FILE = "root-credentials";
    private static final int MIN_SECRET_LENGTH = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The file's content. */
    private record Stored(int formatVersion, String accessKeyId, String secretKey) {
    }

    public static RootCredentials load(Path dataDir, Map<String, String> env) {
        // An exported-but-empty variable (GRANARY_ACCESS_KEY=) means "not set", as shells treat it.
        String accessKey = blankToNull(env.get(ACCESS_KEY_ENV));
        String secretKey = blankToNull(env.get(SECRET_KEY_ENV));
        if (accessKey != null || secretKey != null) {
            return fromEnvironment(accessKey, secretKey);
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Stored stored = JSON.readValue(PrivateFiles.read(file), Stored.class);
                if (stored.formatVersion() != 1 || stored.accessKeyId() == null || stored.secretKey() == null) {
                    throw new IamException(IamException.Reason.CONFIGURATION, file + " is not a root-credentials file");
                }
                return new RootCredentials(stored.accessKeyId(), stored.secretKey(), false);
            }
            RootCredentials created = new RootCredentials(CredentialGenerator.accessKeyId(),
                    CredentialGenerator.secretKey(), true);
            PrivateFiles.write(file, JSON.writeValueAsBytes(new Stored(1, created.accessKeyId, created.secretKey)));
            return created;
        } catch (IOException e) {
            throw new IamException(IamException.Reason.CONFIGURATION, "cannot read or create " + file, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static RootCredentials fromEnvironment(String accessKey, String secretKey) {
        if (accessKey == null || secretKey == null) {
            throw new IamException(IamException.Reason.CONFIGURATION,
                    ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV + " must be set together");
        }
        if (accessKey.isBlank() || accessKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IamException(IamException.Reason.CONFIGURATION, ACCESS_KEY_ENV + " must be non-empty, no spaces");
        }
        if (secretKey.length() < MIN_SECRET_LENGTH || secretKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IamException(IamException.Reason.CONFIGURATION,
                    SECRET_KEY_ENV + " must have at least " + MIN_SECRET_LENGTH + " characters, no spaces");
        }
        return new RootCredentials(accessKey, secretKey, false);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "RootCredentials[accessKeyId=" + accessKeyId + ", generated=" + generated + "]";
    }
}
