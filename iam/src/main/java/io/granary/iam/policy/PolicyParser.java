package io.granary.iam.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns policy JSON into a {@link Policy}, checking it the way AWS does and failing with AWS's
 * wording. Jackson reads the tree (duplicate keys and trailing content are errors); the mapping to
 * records is by hand so that each problem gets its own reason.
 */
final class PolicyParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String VARIABLES_VERSION = "2012-10-17";
    private static final Set<String> VERSIONS = Set.of(VARIABLES_VERSION, "2008-10-17");
    private static final Set<String> POLICY_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
    private static final Pattern CONDITION_KEY = Pattern.compile("(?i)(aws|s3):[A-Za-z0-9_.:/-]+");
    private static final String S3_ARN_PREFIX = "arn:aws:s3:::";
    private static final String IF_EXISTS = "IfExists";
    private static final String INVALID_ACTION = "Policy has invalid action";
    private static final String INVALID_RESOURCE = "Policy has invalid resource";
    private static final String INVALID_PRINCIPAL = "Invalid principal in policy";

    /** Where a policy is attached, which decides the elements it must and must not have. */
    enum Kind {
        /** On a user, group or role (or a session): no Principal; S3, IAM and STS resources. */
        IDENTITY,
        /** On a bucket: a Principal in every statement; S3 actions and resources only. */
        BUCKET,
        /** A role's trust policy: a Principal in every statement, STS actions, no Resource. */
        TRUST
    }

    private static final List<String> IDENTITY_RESOURCE_PREFIXES = List.of(S3_ARN_PREFIX, "arn:aws:iam::",
            "arn:aws:sts::");

    private final Kind kind;

    PolicyParser(Kind kind) {
        this.kind = kind;
    }

    Policy parse(String json) {
        if (json == null || json.isBlank() || json.stripLeading().charAt(0) != '{') {
            throw malformed("Policies must be valid JSON and the first byte must be '{'");
        }
        if (json.length() > Policy.MAX_LENGTH) {
            throw malformed("Policy exceeds the maximum allowed document size.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("This policy contains invalid Json");
        }
        checkFields(root, POLICY_FIELDS);
        String version = optionalText(root, "Version");
        if (version != null && !VERSIONS.contains(version)) {
            throw malformed("The policy must contain a valid version string");
        }
        String id = optionalText(root, "Id");
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) throw malformed("Missing required field Statement");
        // Policy variables exist only in 2012-10-17 documents; earlier ones take "${" literally.
        if (VARIABLES_VERSION.equals(version) && containsVariable(statementNode)) {
            throw malformed("Policy variables (${...}) are not supported");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : elements(statementNode, "Statement")) {
            statements.add(statement(node));
        }
        if (statements.isEmpty()) throw malformed("Missing required field Statement");
        return new Policy(version == null ? "2008-10-17" : version, id, statements);
    }

    private Statement statement(JsonNode node) {
        if (!node.isObject()) throw malformed("Statement must be an object");
        checkFields(node, STATEMENT_FIELDS);
        String sid = optionalText(node, "Sid");
        String effectText = optionalText(node, "Effect");
        if (effectText == null) throw malformed("Missing required field Effect");
        Effect effect = switch (effectText) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw malformed("Invalid effect: " + effectText);
        };
        Patterns actions = patterns(node, "Action", INVALID_ACTION);
        for (String action : actions.patterns()) {
            if (!validAction(action)) throw malformed(INVALID_ACTION);
        }
        return new Statement(sid, effect, principals(node), actions, resources(node),
                conditions(node.get("Condition")));
    }

    private boolean validAction(String action) {
        if (action.equals("*")) return true;
        if (!ACTION.matcher(action).matches()) return false;
        return switch (kind) {
            case IDENTITY -> true;
            case BUCKET -> action.regionMatches(true, 0, "s3:", 0, 3);
            case TRUST -> action.regionMatches(true, 0, "sts:", 0, 4);
        };
    }

    private Patterns resources(JsonNode statement) {
        if (kind == Kind.TRUST) {
            if (statement.has("Resource") || statement.has("NotResource")) {
                throw malformed("Has prohibited field Resource");
            }
            return null;
        }
        Patterns resources = patterns(statement, "Resource", INVALID_RESOURCE);
        List<String> prefixes = kind == Kind.BUCKET ? List.of(S3_ARN_PREFIX) : IDENTITY_RESOURCE_PREFIXES;
        for (String resource : resources.patterns()) {
            if (!resource.equals("*") && prefixes.stream().noneMatch(resource::startsWith)) {
                throw malformed(INVALID_RESOURCE);
            }
        }
        return resources;
    }

    /** The element or its Not-form; exactly one of them must be present. */
    private Patterns patterns(JsonNode statement, String field, String invalidReason) {
        JsonNode plain = statement.get(field);
        JsonNode negated = statement.get("Not" + field);
        if (plain != null && negated != null) {
            throw malformed("Statement cannot contain both " + field + " and Not" + field);
        }
        if (plain == null && negated == null) throw malformed("Missing required field " + field);
        String name = plain != null ? field : "Not" + field;
        return new Patterns(strings(plain != null ? plain : negated, name, invalidReason), negated != null);
    }

    private Principals principals(JsonNode statement) {
        JsonNode plain = statement.get("Principal");
        JsonNode negated = statement.get("NotPrincipal");
        if (kind == Kind.IDENTITY) {
            if (plain != null || negated != null) throw malformed("Policy document should not specify a principal.");
            return null;
        }
        if (plain != null && negated != null) {
            throw malformed("Statement cannot contain both Principal and NotPrincipal");
        }
        if (plain == null && negated == null) throw malformed("Missing required field Principal");
        JsonNode node = plain != null ? plain : negated;
        List<String> aws;
        if (node.isTextual() && node.textValue().equals("*")) {
            aws = List.of("*");
        } else if (node.isObject() && node.size() == 1 && node.has("AWS")) {
            aws = strings(node.get("AWS"), "Principal", INVALID_PRINCIPAL);
        } else {
            throw malformed(INVALID_PRINCIPAL);
        }
        for (String entry : aws) {
            if (!Principals.isValid(entry)) throw malformed(INVALID_PRINCIPAL);
        }
        return new Principals(aws, negated != null);
    }

    private List<Condition> conditions(JsonNode block) {
        if (block == null) return List.of();
        if (!block.isObject()) throw malformed("Condition must be an object");
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            boolean ifExists = name.endsWith(IF_EXISTS) && !name.equals("Null");
            String operatorName = ifExists ? name.substring(0, name.length() - IF_EXISTS.length()) : name;
            ConditionOperator operator = ConditionOperator.fromJsonName(operatorName)
                    .orElseThrow(() -> malformed("Invalid Condition type : " + name));
            if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                throw malformed("Invalid Condition block for " + name);
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext();) {
                Map.Entry<String, JsonNode> keyEntry = keys.next();
                conditions.add(condition(operator, ifExists, keyEntry.getKey(), keyEntry.getValue()));
            }
        }
        return conditions;
    }

    private Condition condition(ConditionOperator operator, boolean ifExists, String key, JsonNode valueNode) {
        if (!CONDITION_KEY.matcher(key).matches()) throw malformed("Policy has an invalid condition key");
        List<String> values = new ArrayList<>();
        for (JsonNode value : elements(valueNode, "Condition")) {
            if (!value.isValueNode() || value.isNull()) throw malformed("Invalid Condition value for " + key);
            String text = value.asText();
            if (!operator.isValidValue(text)) {
                throw malformed("Invalid Condition value for " + operator.jsonName() + ": " + text);
            }
            values.add(text);
        }
        if (values.isEmpty()) throw malformed("Invalid Condition value for " + key);
        return new Condition(operator, ifExists, key, values);
    }

    /** A string or a non-empty array of strings; anything else fails with {@code invalidReason}. */
    private static List<String> strings(JsonNode node, String field, String invalidReason) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : elements(node, field)) {
            if (!element.isTextual() || element.textValue().isEmpty()) throw malformed(invalidReason);
            out.add(element.textValue());
        }
        if (out.isEmpty()) throw malformed("Missing required field " + field);
        return out;
    }

    /** A single value is treated as a one-element list, as AWS does for every list-valued element. */
    private static Iterable<JsonNode> elements(JsonNode node, String field) {
        if (node.isArray()) return node;
        if (node.isNull()) throw malformed("Missing required field " + field);
        return List.of(node);
    }

    /** Whether a string anywhere in the statements' Resource or Condition values uses {@code ${...}}. */
    private static boolean containsVariable(JsonNode statements) {
        for (String field : List.of("Resource", "NotResource", "Condition")) {
            for (JsonNode value : statements.findValues(field)) {
                if (value.toString().contains("${")) return true;
            }
        }
        return false;
    }

    private static void checkFields(JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) throw malformed("Unknown field " + name);
        }
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) return null;
        if (!value.isTextual()) throw malformed("Invalid " + field);
        return value.textValue();
    }

    private static MalformedPolicyException malformed(String reason) {
        return new MalformedPolicyException(reason);
    }
}
