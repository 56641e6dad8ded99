package io.granary.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource({
        "*, '', true",
        "'', '', true",
        "'', a, false",
        "a*, a, true",
        "a*b, ab, true",
        "a*b, axxb, true",
        "a*b, axxbc, false",
        "a?c, abc, true",
        "a?c, ac, false",
        "*b*, aaabaaa, true",
        "*.jpg, cat.jpg, true",
        "*.jpg, cat.jpeg, false",
        "a*b*c, abxbxc, true",
        "a*b*c, abxbx, false",
        "photos/*, photos/, true",
        "photos/*, photo, false",
        "**, x, true"})
    void matchesLikeIam(String pattern, String text, boolean expected) {
        assertEquals(expected, Wildcard.matches(pattern, text, false));
    }

    @Test
    void caseSensitivityIsTheCallersChoice() {
        assertTrue(Wildcard.matches("s3:Get*", "S3:GETOBJECT", true));
        assertFalse(Wildcard.matches("s3:Get*", "S3:GETOBJECT", false));
    }

    @Test
    void pathologicalPatternsFinishWithoutBacktrackingBlowUp() {
        String text = "a".repeat(5000);
        String pattern = "*a".repeat(60) + "b";
        assertFalse(Wildcard.matches(pattern, text, false));
        assertTrue(Wildcard.matches("*a".repeat(60), text, false));
    }
}
