package io.granary.api.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryDocumentTest {

    @Test
    void responseHasIamShapeWithNamespaceResultAndRequestId() {
        String xml = QueryDocument.response(QueryDocument.IAM_NAMESPACE, "ListUsers", "req-1", doc -> doc
                .members("Users", List.of("a<b", "c"), (d, name) -> d.element("UserName", name))
                .element("IsTruncated", false).element("Marker", null)).toString();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListUsersResponse "
                + "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users><member><UserName>"
                + "a&lt;b</UserName></member><member><UserName>c</UserName></member></Users><IsTruncated>false"
                + "</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                + "</ListUsersResponse>", xml);
    }

    @Test
    void actionWithoutResultHasOnlyMetadata() {
        String xml = QueryDocument.response(QueryDocument.IAM_NAMESPACE, "DeleteUser", "r", null).toString();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteUserResponse "
                + "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ResponseMetadata><RequestId>r</RequestId>"
                + "</ResponseMetadata></DeleteUserResponse>", xml);
    }

    @Test
    void errorResponseHasTypeCodeMessageAndRequestId() {
        String xml = QueryDocument.error(QueryDocument.STS_NAMESPACE, "Sender", "ExpiredToken", "expired", "r")
                .toString();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse "
                + "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>ExpiredToken"
                + "</Code><Message>expired</Message></Error><RequestId>r</RequestId></ErrorResponse>", xml);
    }
}
