package io.granary.iam;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook targets of each account: added, listed, removed, and given a new secret with an overlap during which
 * the old one still signs. Secrets are sealed under the master key with the target's id as associated data.
 * Writes are serialised by {@link IamService}'s lock; lookups read the mirror.
 */
final class WebhookTargets {
    static final String ARN_PREFIX = "arn:granary:webhook:";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ARN = Pattern.compile(Pattern.quote(ARN_PREFIX) + "[^:]*:(\\d{12}):([^:]+)");
    private static final int GENERATED_SECRET_BYTES = 32;
    private static final int MIN_SECRET_LENGTH = 16;
    private static final String SEAL_CONTEXT = "webhook:";

    private final Directory dir;
    private final SecretCipher master;
    private final Clock clock;

    WebhookTargets(Directory dir, SecretCipher master, Clock clock) {
        this.dir = dir;
        this.master = master;
        this.clock = clock;
    }

    CreatedWebhook add(String accountId, String name, String url, String secret) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("A webhook name is 1 to 64 letters, digits, '_' or '-': " + name);
        }
        checkUrl(url);
        if (find(accountId, name).isPresent()) {
            throw new IamException(IamException.Reason.ENTITY_ALREADY_EXISTS, "There is a webhook named " + name
                    + ".");
        }
        String plain = secretOrNew(secret);
        WebhookTarget draft = new WebhookTarget(WebhookTarget.FORMAT_VERSION, accountId, name, url, List.of(),
                clock.millis());
        WebhookTarget target = draft.withSecrets(List.of(seal(draft, plain)));
        dir.commit(new Directory.Change().put(dir.webhooks, target));
        return new CreatedWebhook(target, plain);
    }

    List<WebhookTarget> list(String accountId) {
        return dir.webhooks.stream().filter(t -> t.accountId().equals(accountId))
                .sorted(Comparator.comparing(WebhookTarget::name)).toList();
    }

    Optional<WebhookTarget> find(String accountId, String name) {
        return dir.webhooks.get(accountId + "/" + name);
    }

    /** The target an ARN of {@link #ARN_PREFIX} names, if it exists. */
    Optional<WebhookTarget> byArn(String arn) {
        Matcher m = ARN.matcher(arn);
        return m.matches() ? find(m.group(1), m.group(2)) : Optional.empty();
    }

    void remove(String accountId, String name) {
        dir.commit(new Directory.Change().delete(dir.webhooks, require(accountId, name)));
    }

    /**
     * A new current secret ({@code secret}, or generated); the old current one signs for {@code overlap} more,
     * and secrets whose overlap has ended are dropped.
     */
    CreatedWebhook rotate(String accountId, String name, String secret, Duration overlap) {
        if (overlap.isNegative()) throw invalid("The overlap cannot be negative.");
        WebhookTarget target = require(accountId, name);
        long now = clock.millis();
        String plain = secretOrNew(secret);
        List<WebhookTarget.Secret> secrets = new ArrayList<>();
        secrets.add(seal(target, plain));
        for (WebhookTarget.Secret old : target.secrets()) {
            long expires = old.expiresEpochMillis() == 0 ? now + overlap.toMillis() : old.expiresEpochMillis();
            if (expires > now) secrets.add(new WebhookTarget.Secret(old.sealed(), old.createdEpochMillis(), expires));
        }
        WebhookTarget changed = target.withSecrets(secrets);
        dir.commit(new Directory.Change().put(dir.webhooks, changed));
        return new CreatedWebhook(changed, plain);
    }

    /** The secrets that sign now, current first, in clear. */
    List<String> signingSecrets(WebhookTarget target) {
        long now = clock.millis();
        return target.secrets().stream().filter(s -> s.expiresEpochMillis() == 0 || s.expiresEpochMillis() > now)
                .map(s -> master.decrypt(s.sealed(), SEAL_CONTEXT + target.id())).toList();
    }

    /** {@code target} with every secret sealed under {@code to} instead of {@code from}. */
    static WebhookTarget resealed(WebhookTarget target, SecretCipher from, SecretCipher to) {
        return target.withSecrets(target.secrets().stream().map(s -> new WebhookTarget.Secret(
                to.encrypt(from.decrypt(s.sealed(), SEAL_CONTEXT + target.id()), SEAL_CONTEXT + target.id()),
                s.createdEpochMillis(), s.expiresEpochMillis())).toList());
    }

    private WebhookTarget require(String accountId, String name) {
        return find(accountId, name).orElseThrow(() -> new IamException(IamException.Reason.NO_SUCH_ENTITY,
                "There is no webhook named " + name + "."));
    }

    private WebhookTarget.Secret seal(WebhookTarget target, String plain) {
        return new WebhookTarget.Secret(master.encrypt(plain, SEAL_CONTEXT + target.id()), clock.millis(), 0);
    }

    private static String secretOrNew(String secret) {
        if (secret == null) return HexFormat.of().formatHex(CredentialGenerator.randomBytes(GENERATED_SECRET_BYTES));
        String stripped = secret.strip();
        if (stripped.length() < MIN_SECRET_LENGTH || stripped.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw invalid("A webhook secret is at least " + MIN_SECRET_LENGTH + " printable ASCII characters "
                    + "without spaces.");
        }
        return stripped;
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean web = uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null && uri.getUserInfo() == null && uri.getFragment() == null;
        if (!web) throw invalid("A webhook URL is http(s)://HOST[:PORT][/PATH], without user or fragment: " + url);
    }

    private static IamException invalid(String message) {
        return new IamException(IamException.Reason.VALIDATION_ERROR, message);
    }
}
