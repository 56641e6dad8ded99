package io.granary.api.iamapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.http.Query;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryFormTest {

    @Test
    void parsesActionScalarsAndDecodesPercentAndPlus() {
        QueryForm form = form("Action=CreateUser&Version=2010-05-08&UserName=app%2Bone&Path=%2Fteam+a%2F");
        assertEquals("CreateUser", form.action());
        assertEquals("app+one", form.required("UserName"));
        assertEquals("/team a/", form.optional("Path"));
        assertNull(form.optional("Missing"));
    }

    @Test
    void readsMemberListsAndTagMapsInMemberOrderNotTextOrder() {
        QueryForm form = form("TagKeys.member.10=j&TagKeys.member.2=b&TagKeys.member.1=a"
                + "&Tags.member.2.Key=team&Tags.member.2.Value=red&Tags.member.1.Key=env&Tags.member.1.Value=prod");
        assertEquals(List.of("a", "b", "j"), form.list("TagKeys"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("env", "prod");
        expected.put("team", "red");
        assertEquals(expected, form.map("Tags"));
        assertEquals(List.of(), form.list("Absent"));
    }

    @Test
    void queryStringAndBodyAreMergedAndLaterWins() {
        QueryForm form = QueryForm.of(Query.parse("Action=GetUser&UserName=a"), Query.parse("UserName=b"));
        assertEquals("GetUser", form.action());
        assertEquals("b", form.required("UserName"));
    }

    @Test
    void missingRequiredParameterIsValidationErrorNamingTheMember() {
        IamApiException e = assertThrows(IamApiException.class, () -> form("Action=CreateUser")
                .required("UserName"));
        assertEquals(IamError.VALIDATION_ERROR, e.error());
        assertTrue(e.getMessage().contains("'userName'"), e.getMessage());
    }

    @Test
    void numbersAndBooleans() {
        QueryForm form = form("MaxItems=5&SetAsDefault=true&DurationSeconds=x");
        assertEquals(5, form.integer("MaxItems"));
        assertNull(form.integer("Marker"));
        assertTrue(form.bool("SetAsDefault"));
        assertFalse(form.bool("OnlyAttached"));
        assertEquals(IamError.VALIDATION_ERROR, assertThrows(IamApiException.class,
                () -> form.integer("DurationSeconds")).error());
    }

    private static QueryForm form(String... encoded) {
        return QueryForm.of(Arrays.stream(encoded).map(Query::parse).toArray(Query[]::new));
    }
}
