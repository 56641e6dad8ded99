package io.granary.metadata.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.metadata.Fixtures;
import io.granary.metadata.model.ObjectRecord;
import io.granary.metadata.store.MetadataException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PutConditionTest {
    /** Fixtures objects are modified at 1_700_000_000_000 ms, i.e. exactly at this second. */
    private static final long MODIFIED = 1_700_000_000_000L;
    private static final ObjectRecord CURRENT = Fixtures.object("k", "\"e1\"");

    private static String outcome(PutCondition condition, ObjectRecord current) {
        try {
            condition.check("k", current);
            return "ok";
        } catch (MetadataException e) {
            return e.reason().name();
        }
    }

    private static Long millis(String offsetSeconds) {
        return offsetSeconds == null ? null : MODIFIED + Long.parseLong(offsetSeconds) * 1000;
    }

    @ParameterizedTest(name = "If-Match={0} If-None-Match={1} IMS={2} IUS={3} exists={4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-        | -        |    |    | true  | ok",
        "-        | -        |    |    | false | ok",
        "\"e1\"   | -        |    |    | true  | ok",
        "e1       | -        |    |    | true  | ok",
        "W/\"e1\" | -        |    |    | true  | ok",
        "\"x\",e1 | -        |    |    | true  | ok",
        "*        | -        |    |    | true  | ok",
        "\"e2\"   | -        |    |    | true  | PRECONDITION_FAILED",
        "\"e1\"   | -        |    |    | false | NO_SUCH_KEY",
        "*        | -        |    |    | false | NO_SUCH_KEY",
        "-        | *        |    |    | true  | PRECONDITION_FAILED",
        "-        | *        |    |    | false | ok",
        "-        | \"e1\"   |    |    | true  | PRECONDITION_FAILED",
        "-        | \"e2\"   |    |    | true  | ok",
        "\"e1\"   | \"e2\"   |    |    | true  | ok",
        "\"e1\"   | *        |    |    | true  | PRECONDITION_FAILED",
        "\"e2\"   | *        |    |    | false | NO_SUCH_KEY",
        "-        | -        |    | 0  | true  | ok",
        "-        | -        |    | -1 | true  | PRECONDITION_FAILED",
        "-        | -        |    | -1 | false | ok",
        "\"e1\"   | -        |    | -1 | true  | ok",
        "-        | -        | -1 |    | true  | ok",
        "-        | -        | 0  |    | true  | PRECONDITION_FAILED",
        "-        | -        | 0  |    | false | ok",
        "-        | \"e2\"   | 0  |    | true  | ok",
        "-        | -        | -1 | 0  | true  | ok",
        "-        | -        | 0  | -1 | true  | PRECONDITION_FAILED",
    })
    void everyCombinationOfTheFourHeadersIsEvaluatedAsRfc7232Orders(String ifMatch, String ifNoneMatch,
            String modifiedSince, String unmodifiedSince, boolean exists, String expected) {
        PutCondition condition = new PutCondition(ifMatch, ifNoneMatch, millis(modifiedSince),
                millis(unmodifiedSince), false);
        assertEquals(expected, outcome(condition, exists ? CURRENT : null));
    }

    @ParameterizedTest(name = "{0} / {1} exists={2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "\"e2\" | -  | true",
        "\"e1\" | -  | false",
        "-      | *  | true",
    })
    void aConditionThatHeldBeforeTheUploadButNoLongerHoldsIsAConflict(String ifMatch, String ifNoneMatch,
            boolean exists) {
        PutCondition condition = new PutCondition(ifMatch, ifNoneMatch, null, null, false).afterPrecheck();
        assertEquals(Reason.CONDITIONAL_CONFLICT.name(), outcome(condition, exists ? CURRENT : null));
    }
}
