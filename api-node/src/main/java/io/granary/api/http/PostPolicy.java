package io.granary.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The policy document of a POST upload: base64 JSON with an {@code expiration} and {@code conditions}, each an
 * exact match ({@code {"acl": "private"}} or {@code ["eq", "$acl", "private"]}), a prefix
 * ({@code ["starts-with", "$key", "user/"]}) or the file's {@code ["content-length-range", min, max]}. A form
 * conforms when the policy has not expired, every condition holds, and every field (but the signature fields,
 * {@code policy}, {@code file} and {@code x-ignore-*}) is named by a condition, as on S3.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html">POST policy</a>
 */
public final class PostPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EXEMPT = Set.of("awsaccesskeyid", "signature", "x-amz-signature", "file",
            "policy");
    private static final String IGNORED_PREFIX = "x-ignore-";

    /** One condition; {@code field} is lower-case without {@code $}, {@code text} is how S3 quotes it. */
    private record Condition(String operator, String field, String value, long min, long max, String text) {
    }

    private final Instant expiration;
    private final List<Condition> conditions;

    private PostPolicy(Instant expiration, List<Condition> conditions) {
        this.expiration = expiration;
        this.conditions = conditions;
    }

    /** @throws S3Exception InvalidPolicyDocument when the field is not base64 JSON of a valid policy */
    public static PostPolicy parse(String base64) {
        JsonNode root;
        try {
            root = JSON.readTree(Base64.getMimeDecoder().decode(base64));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("Invalid Policy: Invalid JSON.");
        }
        if (root == null || !root.isObject()) throw invalid("Invalid Policy: Invalid JSON.");
        JsonNode expiration = root.get("expiration");
        if (expiration == null || !expiration.isTextual()) throw invalid("Invalid Policy: Policy missing expiration.");
        Instant expires;
        try {
            expires = Instant.parse(expiration.asText());
        } catch (DateTimeParseException e) {
            throw invalid("Invalid Policy: Invalid 'expiration' value: '" + expiration.asText() + "'");
        }
        JsonNode list = root.get("conditions");
        if (list == null || !list.isArray()) throw invalid("Invalid Policy: Policy missing conditions.");
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode node : list) {
            conditions.addAll(conditions(node));
        }
        return new PostPolicy(expires, conditions);
    }

    private static List<Condition> conditions(JsonNode node) {
        List<Condition> out = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().isTextual()) throw invalidCondition(node);
                out.add(new Condition("eq", entry.getKey().toLowerCase(Locale.ROOT), entry.getValue().asText(), 0, 0,
                        "[\"eq\", \"$" + entry.getKey() + "\", \"" + entry.getValue().asText() + "\"]"));
            }
            return out;
        }
        if (!node.isArray() || node.size() != 3 || !node.get(0).isTextual()) throw invalidCondition(node);
        String operator = node.get(0).asText().toLowerCase(Locale.ROOT);
        String text = "[\"" + node.get(0).asText() + "\", " + node.get(1) + ", " + node.get(2) + "]";
        if (operator.equals("content-length-range")) {
            if (!node.get(1).canConvertToLong() || !node.get(2).canConvertToLong()) throw invalidCondition(node);
            out.add(new Condition(operator, null, null, node.get(1).asLong(), node.get(2).asLong(), text));
            return out;
        }
        String field = node.get(1).asText();
        if (!operator.equals("eq") && !operator.equals("starts-with") || !field.startsWith("$")
                || !node.get(2).isTextual()) {
            throw invalidCondition(node);
        }
        out.add(new Condition(operator, field.substring(1).toLowerCase(Locale.ROOT), node.get(2).asText(), 0, 0,
                text));
        return out;
    }

    /**
     * Checks a form against the policy.
     *
     * @param fields   the form's fields, names lower-case
     * @param fileSize the size of the file part
     * @throws S3Exception AccessDenied ("Invalid according to Policy: ..."), EntityTooSmall or EntityTooLarge
     */
    public void check(Instant now, String bucket, Map<String, String> fields, long fileSize) {
        if (!now.isBefore(expiration)) throw denied("Policy expired.");
        Set<String> covered = new HashSet<>();
        for (Condition condition : conditions) {
            if (condition.operator().equals("content-length-range")) {
                checkLength(condition, fileSize);
                continue;
            }
            covered.add(condition.field());
            String actual = condition.field().equals("bucket") ? bucket : fields.get(condition.field());
            boolean holds = actual != null && (condition.operator().equals("eq") ? actual.equals(condition.value())
                    : actual.startsWith(condition.value()));
            if (!holds) throw denied("Policy Condition failed: " + condition.text());
        }
        List<String> extra = new ArrayList<>();
        for (String field : fields.keySet()) {
            if (!covered.contains(field) && !EXEMPT.contains(field) && !field.startsWith(IGNORED_PREFIX)) {
                extra.add(field);
            }
        }
        if (!extra.isEmpty()) throw denied("Extra input fields: " + String.join(", ", extra));
    }

    private static void checkLength(Condition range, long size) {
        if (size < range.min()) {
            throw S3Exception.of(S3Error.ENTITY_TOO_SMALL).with("ProposedSize", String.valueOf(size))
                    .with("MinSizeAllowed", String.valueOf(range.min()));
        }
        if (size > range.max()) {
            throw S3Exception.of(S3Error.ENTITY_TOO_LARGE).with("ProposedSize", String.valueOf(size))
                    .with("MaxSizeAllowed", String.valueOf(range.max()));
        }
    }

    private static S3Exception denied(String reason) {
        return S3Exception.of(S3Error.ACCESS_DENIED, "Invalid according to Policy: " + reason);
    }

    private static S3Exception invalid(String message) {
        return S3Exception.of(S3Error.INVALID_POLICY_DOCUMENT, message);
    }

    private static S3Exception invalidCondition(JsonNode node) {
        return invalid("Invalid Policy: Invalid Condition: " + node);
    }
}
