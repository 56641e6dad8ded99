package io.granary.api.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.granary.api.xml.AccessDocuments.AccessControlPolicyBody;
import io.granary.api.xml.AccessDocuments.GranteeBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Put*Acl bodies as clients send them: grantee types are read from {@code xsi:type}. */
class AccessDocumentsTest {

    @Test
    void anAccessControlPolicyBodyReadsEveryGranteeType() throws Exception {
        String xml = "<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>o</ID>"
                + "<DisplayName>n</DisplayName></Owner><AccessControlList>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\">"
                + "<ID>u</ID><DisplayName>d</DisplayName></Grantee><Permission>READ</Permission></Grant>"
                + "<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\">"
                + "<URI>g</URI></Grantee><Permission>WRITE</Permission></Grant>"
                + "</AccessControlList></AccessControlPolicy>";
        AccessControlPolicyBody body = XmlWriter.mapper().readValue(xml.getBytes(StandardCharsets.UTF_8),
                AccessControlPolicyBody.class);
        assertEquals("o", body.owner().id());
        assertEquals(2, body.grants().size());
        assertEquals(new GranteeBody("CanonicalUser", "u", null, null), body.grants().get(0).grantee());
        assertEquals("READ", body.grants().get(0).permission());
        assertEquals(new GranteeBody("Group", null, "g", null), body.grants().get(1).grantee());
    }
}
