package io.granary.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one codec of IAM's stored records: Jackson JSON with a {@code formatVersion} field, and the
 * upgrade chain from older versions. Version 1 records come from the single-account Granary: they
 * belong to the system account, and managed policies were attached by name and had one document.
 */
final class RecordCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String systemAccountId;

    RecordCodec(String systemAccountId) {
        this.systemAccountId = systemAccountId;
    }

    static byte[] encode(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + record.getClass().getSimpleName(), e);
        }
    }

    static <T> T decodeCurrent(String name, byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    static int versionOf(byte[] bytes) {
        try {
            return JSON.readTree(bytes).path("formatVersion").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Decodes a record of any known version into the current one. */
    <T> T decode(String name, byte[] bytes, Class<T> type, int currentVersion) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) JSON.readTree(bytes);
            int version = tree.path("formatVersion").asInt(-1);
            if (version > currentVersion || version < 1) {
                throw new IamException(IamException.Reason.CONFIGURATION, "IAM record " + name + " has format version "
                        + version + "; this Granary reads up to " + currentVersion);
            }
            if (version < currentVersion) upgradeFromV1(type, tree);
            tree.put("formatVersion", currentVersion);
            return JSON.treeToValue(tree, type);
        } catch (IOException | ClassCastException e) {
            throw unreadable(name, e);
        }
    }

    private void upgradeFromV1(Class<?> type, ObjectNode tree) {
        tree.put("accountId", systemAccountId);
        if (type == User.class) {
            tree.put("path", "/");
            ArrayNode arns = JSON.createArrayNode();
            for (JsonNode name : tree.path("attachedPolicies")) {
                arns.add(IamArns.policy(systemAccountId, "/", name.asText()));
            }
            tree.set("attachedPolicies", arns);
        } else if (type == AccessKey.class) {
            tree.put("expiresEpochMillis", 0L);
        } else if (type == ManagedPolicy.class) {
            long created = tree.path("createdEpochMillis").asLong();
            ObjectNode version = JSON.createObjectNode().put("versionId", "v1")
                    .put("document", tree.path("document").asText()).put("createdEpochMillis", created);
            tree.remove("document");
            tree.put("policyId", CredentialGenerator.id("GP"));
            tree.put("path", "/");
            tree.set("versions", JSON.createArrayNode().add(version));
            tree.put("defaultVersionId", "v1");
            tree.put("nextVersion", 2);
            tree.put("updatedEpochMillis", created);
        }
    }

    private static IamException unreadable(String name, Exception cause) {
        return new IamException(IamException.Reason.CONFIGURATION, "unreadable IAM record " + name, cause);
    }
}
