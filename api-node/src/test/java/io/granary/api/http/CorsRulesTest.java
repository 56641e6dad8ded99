package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.granary.api.xml.CorsConfiguration;
import io.granary.metadata.model.CorsRule;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS rule validation (as S3 refuses configurations) and matching (first rule that allows all wins). */
class CorsRulesTest {
    private static final CorsRule SITE = new CorsRule("site", List.of("https://*.example.com"), List.of("GET", "PUT"),
            List.of("x-amz-*", "content-type"), List.of("ETag"), 600);
    private static final CorsRule ANY = new CorsRule(null, List.of("*"), List.of("GET"), List.of(), List.of(), null);

    private static CorsConfiguration.Rule rule(List<String> origins, List<String> methods, List<String> headers,
            List<String> expose) {
        return new CorsConfiguration.Rule("id", headers, methods, origins, expose, 10);
    }

    @Test
    void aWildcardStandsForAnyRunOfCharacters() {
        assertTrue(CorsRules.wildcardMatch("https://*.example.com", "https://app.example.com"));
        assertTrue(CorsRules.wildcardMatch("*", "null"));
        assertTrue(CorsRules.wildcardMatch("x-amz-*", "x-amz-"));
        assertFalse(CorsRules.wildcardMatch("https://*.example.com", "https://example.com.evil.org"));
        assertFalse(CorsRules.wildcardMatch("https://a.example.com", "https://A.example.com"));
    }

    @Test
    void theFirstRuleAllowingOriginMethodAndEveryHeaderWins() {
        List<CorsRule> rules = List.of(SITE, ANY);
        assertSame(SITE, CorsRules.match(rules, "https://app.example.com", "PUT",
                List.of("x-amz-meta-a", "content-type")));
        assertSame(ANY, CorsRules.match(rules, "https://other.org", "GET", List.of()));
        assertNull(CorsRules.match(rules, "https://app.example.com", "PUT", List.of("authorization")));
        assertNull(CorsRules.match(rules, "https://other.org", "DELETE", List.of()));
        assertTrue(CorsRules.allowsAnyOrigin(ANY));
        assertFalse(CorsRules.allowsAnyOrigin(SITE));
    }

    @Test
    void requestHeadersAreSplitTrimmedAndLowerCased() {
        assertEquals(List.of("content-type", "x-amz-date"), CorsRules.requestHeaders(" Content-Type ,X-Amz-Date,"));
        assertEquals(List.of(), CorsRules.requestHeaders(null));
    }

    @Test
    void aValidConfigurationKeepsItsRulesInOrder() {
        List<CorsRule> rules = CorsRules.validate(new CorsConfiguration(List.of(
                rule(List.of("*"), List.of("GET"), null, null),
                rule(List.of("https://*.example.com"), List.of("PUT", "POST", "DELETE", "HEAD"), List.of("*"),
                        List.of("ETag")))));
        assertEquals(2, rules.size());
        assertEquals(List.of(), rules.get(0).allowedHeaders());
        assertEquals(List.of("ETag"), rules.get(1).exposeHeaders());
        assertEquals(CorsRules.document(rules).rules().get(1).allowedMethods(), List.of("PUT", "POST", "DELETE",
                "HEAD"));
    }

    @Test
    void refusesWhatS3Refuses() {
        assertRefused(S3Error.MALFORMED_XML, List.of());
        assertRefused(S3Error.MALFORMED_XML, Collections.nCopies(101, rule(List.of("*"), List.of("GET"), null, null)));
        assertRefused(S3Error.MALFORMED_XML, List.of(rule(null, List.of("GET"), null, null)));
        assertRefused(S3Error.MALFORMED_XML, List.of(rule(List.of("*"), List.of(), null, null)));
        assertRefused(S3Error.INVALID_REQUEST, List.of(rule(List.of("*"), List.of("PATCH"), null, null)));
        assertRefused(S3Error.INVALID_REQUEST, List.of(rule(List.of("https://*.*.com"), List.of("GET"), null,
                null)));
        assertRefused(S3Error.INVALID_REQUEST, List.of(rule(List.of("*"), List.of("GET"), List.of("**"), null)));
        assertRefused(S3Error.INVALID_REQUEST, List.of(rule(List.of("*"), List.of("GET"), null, List.of("x-*"))));
        assertEquals(100, CorsRules.validate(new CorsConfiguration(Collections.nCopies(100,
                rule(List.of("*"), List.of("GET"), null, null)))).size());
    }

    private static void assertRefused(S3Error error, List<CorsConfiguration.Rule> rules) {
        S3Exception e = assertThrows(S3Exception.class, () -> CorsRules.validate(new CorsConfiguration(rules)));
        assertEquals(error, e.error(), e.getMessage());
    }
}
