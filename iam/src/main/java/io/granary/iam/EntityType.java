package io.granary.iam;

/** The kinds of identity that carry policies, with IAM's wording for each in messages. */
public enum EntityType {
    USER("user"),
    GROUP("group"),
    ROLE("role");

    private final String noun;

    EntityType(String noun) {
        this.noun = noun;
    }

    String noun() {
        return noun;
    }
}
