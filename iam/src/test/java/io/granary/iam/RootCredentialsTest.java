package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCredentialsTest {
    @TempDir
    Path dataDir;

    @Test
    void generatesOwnerOnlyCredentialsOnFirstStartAndReusesThemAfter() throws IOException {
        RootCredentials first = RootCredentials.load(dataDir, Map.of());
        assertTrue(first.generated());
        assertTrue(first.accessKeyId().matches("GK[A-Z0-9]{18}"), first.accessKeyId());
        assertTrue(first.secretKey().matches("[A-Za-z0-9]{40}"));
        Path file = dataDir.resolve(RootCredentials.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        RootCredentials second = RootCredentials.load(dataDir, Map.of());
        assertFalse(second.generated());
        assertEquals(first.accessKeyId(), second.accessKeyId());
        assertEquals(first.secretKey(), second.secretKey());
    }

    @Test
    void environmentOverridesTheFileAndWritesNothing() {
        RootCredentials fromEnv = RootCredentials.load(dataDir, Map.of(
                RootCredentials.ACCESS_KEY_ENV, "admin", RootCredentials.SECRET_KEY_ENV, "password123"));
        assertEquals("admin", fromEnv.accessKeyId());
        assertEquals("password123", fromEnv.secretKey());
        assertFalse(fromEnv.generated());
        assertFalse(Files.exists(dataDir.resolve(RootCredentials.FILE)));

        RootCredentials.load(dataDir, Map.of());
        RootCredentials overridden = RootCredentials.load(dataDir, Map.of(
                RootCredentials.ACCESS_KEY_ENV, "admin", RootCredentials.SECRET_KEY_ENV, "password123"));
        assertEquals("admin", overridden.accessKeyId());
    }

    @Test
    void onlyOneOfTheTwoVariablesIsAConfigurationError() {
        IamException e = assertThrows(IamException.class,
                () -> RootCredentials.load(dataDir, Map.of(RootCredentials.ACCESS_KEY_ENV, "admin")));
        assertEquals(IamException.Reason.CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("set together"));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        RootCredentials credentials = RootCredentials.load(dataDir, Map.of());
        assertFalse(credentials.toString().contains(credentials.secretKey()));
    }

    @Test
    void generatedMasterKeyFileIsOwnerOnlyAndReused() throws IOException {
        SecretCipher first = SecretCipher.load(dataDir, Map.of());
        Path file = dataDir.resolve(SecretCipher.MASTER_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String sealed = first.encrypt("secret", "GK1");
        assertEquals("secret", SecretCipher.load(dataDir, Map.of()).decrypt(sealed, "GK1"));
    }

    @Test
    void aMasterKeyThatIsNot32BytesOfBase64IsRefused() {
        for (String bad : new String[] {"c2hvcnQ=", "not base64 at all!"}) {
            IamException e = assertThrows(IamException.class,
                    () -> SecretCipher.load(dataDir, Map.of(SecretCipher.MASTER_KEY_ENV, bad)));
            assertEquals(IamException.Reason.CONFIGURATION, e.reason());
            assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
        }
    }
}
