package io.granary.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.granary.records.Codec;
import io.granary.records.VersionedJsonCodec;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The versioned codec of one IAM record kind ({@link VersionedJsonCodec}: a format-version byte and JSON), with
 * the upgrade from version 1. Version 1 records come from the single-account Granary: they belong to the system
 * account, and managed policies were attached by name and had one document. Every failure to read is an
 * {@link IamException} of reason {@code CONFIGURATION} naming the record.
 */
final class RecordCodec<T> {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final VersionedJsonCodec<T> codec;
    private final int version;

    /** @param systemAccountId read when an old record is upgraded (not before the directory knows it) */
    RecordCodec(Class<T> type, int version, Supplier<String> systemAccountId) {
        this.version = version;
        this.codec = new VersionedJsonCodec<>(type, version, version == 1 ? Map.of()
                : Map.of(1, tree -> upgradeFromV1(type, (ObjectNode) tree, systemAccountId.get())));
    }

    byte[] encode(T record) {
        return codec.encode(record);
    }

    T decode(String name, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (Codec.UnsupportedFormatException e) {
            throw new IamException(IamException.Reason.CONFIGURATION, "IAM record " + name + " has "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IamException(IamException.Reason.CONFIGURATION, "unreadable IAM record " + name, e);
        }
    }

    /** Whether {@code bytes} were written in another format version than this code writes. */
    boolean isOutdated(byte[] bytes) {
        return VersionedJsonCodec.storedVersion(bytes) != version;
    }

    private static JsonNode upgradeFromV1(Class<?> type, ObjectNode tree, String systemAccountId) {
        tree.put("formatVersion", 2);
        tree.put("accountId", systemAccountId);
        if (type == User.class) {
            tree.put("path", "/");
            ArrayNode arns = JSON.arrayNode();
            for (JsonNode name : tree.path("attachedPolicies")) {
                arns.add(IamArns.policy(systemAccountId, "/", name.asText()));
            }
            tree.set("attachedPolicies", arns);
        } else if (type == AccessKey.class) {
            tree.put("expiresEpochMillis", 0L);
        } else if (type == ManagedPolicy.class) {
            long created = tree.path("createdEpochMillis").asLong();
            ObjectNode version = JSON.objectNode().put("versionId", "v1")
                    .put("document", tree.path("document").asText()).put("createdEpochMillis", created);
            tree.remove("document");
            tree.put("policyId", CredentialGenerator.id("GP"));
            tree.put("path", "/");
            tree.set("versions", JSON.arrayNode().add(version));
            tree.put("defaultVersionId", "v1");
            tree.put("nextVersion", 2);
            tree.put("updatedEpochMillis", created);
        }
        return tree;
    }
}
