package io.granary.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook targets over a real file store: per account, found by ARN, secrets sealed, rotation with an overlap. */
class WebhookTargetsTest {
    private static final String SECRET = "a-receiver-chosen-secret-0123";

    @Test
    void targetsArePerAccountFoundByArnAndSurviveAReopen(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        IamService iam = TestIam.open(dir, clock);
        String account = iam.systemAccount().accountId();
        CreatedWebhook created = iam.createWebhook(account, "thumbs", "https://hooks.example.com/s3", SECRET);
        assertEquals(SECRET, created.secret());
        String arn = created.target().arn("eu-west-1");
        assertEquals("arn:granary:webhook:eu-west-1:" + account + ":thumbs", arn);

        CreatedWebhook generated = iam.createWebhook(account, "index", "http://127.0.0.1:8080/", null);
        assertEquals(64, generated.secret().length(), "a generated secret: 32 random bytes in hex");
        assertEquals(List.of("index", "thumbs"), iam.listWebhooks(account).stream().map(WebhookTarget::name).toList());

        String other = iam.createAccount("other").account().accountId();
        assertTrue(iam.listWebhooks(other).isEmpty());
        assertTrue(iam.findWebhookByArn("arn:granary:webhook:eu-west-1:" + other + ":thumbs").isEmpty());
        assertTrue(iam.findWebhookByArn("arn:aws:sqs:eu-west-1:" + account + ":thumbs").isEmpty());

        IamService reopened = TestIam.open(dir, clock);
        WebhookTarget found = reopened.findWebhookByArn(arn).orElseThrow();
        assertEquals("https://hooks.example.com/s3", found.url());
        assertEquals(List.of(SECRET), reopened.webhookSigningSecrets(found));
        reopened.deleteWebhook(account, "thumbs");
        assertTrue(TestIam.open(dir, clock).findWebhookByArn(arn).isEmpty());
    }

    @Test
    void theStoreNeverHoldsASecretInClear(@TempDir Path dir) throws Exception {
        IamService iam = TestIam.open(dir, new MutableClock());
        iam.createWebhook(iam.systemAccount().accountId(), "thumbs", "https://hooks.example.com/s3", SECRET);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(SECRET), file
                        .toString());
            }
        }
    }

    @Test
    void aRotatedSecretSignsUntilItsOverlapEnds(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        IamService iam = TestIam.open(dir, clock);
        String account = iam.systemAccount().accountId();
        iam.createWebhook(account, "thumbs", "https://hooks.example.com/s3", SECRET);
        String second = iam.rotateWebhookSecret(account, "thumbs", null, Duration.ofHours(1)).secret();
        assertNotEquals(SECRET, second);
        WebhookTarget target = iam.findWebhook(account, "thumbs").orElseThrow();
        assertEquals(List.of(second, SECRET), iam.webhookSigningSecrets(target), "the new one first");

        clock.advance(Duration.ofMinutes(59));
        String third = iam.rotateWebhookSecret(account, "thumbs", null, Duration.ofHours(1)).secret();
        target = iam.findWebhook(account, "thumbs").orElseThrow();
        assertEquals(List.of(third, second, SECRET), iam.webhookSigningSecrets(target));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of(third, second), iam.webhookSigningSecrets(target), "the first overlap has ended");
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(third), iam.webhookSigningSecrets(target));
        assertEquals(1, iam.rotateWebhookSecret(account, "thumbs", SECRET + "-4", Duration.ZERO).target().secrets()
                .size(), "a rotation drops the secrets that stopped signing, and a zero overlap ends the old one now");
    }

    @Test
    void badNamesUrlsAndSecretsAreRefused(@TempDir Path dir) {
        IamService iam = TestIam.open(dir, new MutableClock());
        String account = iam.systemAccount().accountId();
        for (String[] bad : new String[][] {{"has space", "http://h/"}, {"", "http://h/"}, {"ok", "ftp://h/"},
            {"ok", "http://user:pw@h/"}, {"ok", "not a url"}, {"ok", "http:///nohost"}}) {
            assertEquals(IamException.Reason.VALIDATION_ERROR, assertThrows(IamException.class,
                    () -> iam.createWebhook(account, bad[0], bad[1], null)).reason(), bad[0] + " " + bad[1]);
        }
        assertEquals(IamException.Reason.VALIDATION_ERROR, assertThrows(IamException.class,
                () -> iam.createWebhook(account, "ok", "http://h/", "short")).reason());
        iam.createWebhook(account, "ok", "http://h/", null);
        assertEquals(IamException.Reason.ENTITY_ALREADY_EXISTS, assertThrows(IamException.class,
                () -> iam.createWebhook(account, "ok", "http://h/", null)).reason());
        assertEquals(IamException.Reason.NO_SUCH_ENTITY, assertThrows(IamException.class,
                () -> iam.rotateWebhookSecret(account, "none", null, Duration.ZERO)).reason());
    }
}
