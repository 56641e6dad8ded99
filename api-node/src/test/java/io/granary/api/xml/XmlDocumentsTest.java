package io.granary.api.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmlDocumentsTest {
    private static final String DECL = "<?xml version='1.0' encoding='UTF-8'?>";
    private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    @Test
    void listingPutsEveryElementInTheS3Namespace() {
        ListBucketResult result = new ListBucketResult("b", "p/", null, null, null, null, null, 1, 1000, "/", null,
                false, List.of(new ListBucketResult.Entry("p/a & b", "2026-11-24T10:00:00.000Z", "\"e\"", null, null,
                        3, null, "STANDARD")), List.of(new ListBucketResult.CommonPrefix("p/c/")));
        assertEquals(DECL + "<ListBucketResult" + NS + "><Name>b</Name><Prefix>p/</Prefix><KeyCount>1</KeyCount>"
                + "<MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>false</IsTruncated><Contents>"
                + "<Key>p/a &amp; b</Key><LastModified>2026-11-24T10:00:00.000Z</LastModified><ETag>\"e\"</ETag>"
                + "<Size>3</Size><StorageClass>STANDARD</StorageClass></Contents><CommonPrefixes><Prefix>p/c/"
                + "</Prefix></CommonPrefixes></ListBucketResult>", XmlWriter.write(result).toString());
    }

    @Test
    void checksumFieldsAreWrittenFlatBesideTheEtag() {
        String xml = XmlWriter.write(new MultipartDocuments.CompleteMultipartUploadResult("/b/k", "b", "k", "\"e-2\"",
                ChecksumFields.of("CRC64NVME", "AAAAAAAAAAA=", "FULL_OBJECT"))).toString();
        assertTrue(xml.endsWith("<ETag>\"e-2\"</ETag><ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME>"
                + "<ChecksumType>FULL_OBJECT</ChecksumType></CompleteMultipartUploadResult>"), xml);
        assertThrows(IllegalArgumentException.class, () -> ChecksumFields.of("MD4", "x", null));
    }

    @Test
    void requestDocumentsParseWithOrWithoutNamespace() throws Exception {
        RequestDocuments.Delete delete = XmlWriter.mapper().readValue("<Delete" + NS + "><Quiet>true</Quiet>"
                + "<Object><Key>a</Key><ETag>\"e1\"</ETag></Object><Object><Key>b &amp; c</Key>"
                + "<VersionId>null</VersionId></Object><Unknown/></Delete>", RequestDocuments.Delete.class);
        assertEquals(Boolean.TRUE, delete.quiet());
        assertEquals(List.of(new RequestDocuments.ObjectIdentifier("a", null, "\"e1\"", null, null),
                new RequestDocuments.ObjectIdentifier("b & c", "null", null, null, null)), delete.objects());
        RequestDocuments.CompleteMultipartUpload empty = XmlWriter.mapper().readValue(
                "<CompleteMultipartUpload></CompleteMultipartUpload>", RequestDocuments.CompleteMultipartUpload.class);
        assertNull(empty.parts());
        Tagging tagging = XmlWriter.mapper().readValue("<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>"
                + "</TagSet></Tagging>", Tagging.class);
        assertEquals(List.of(new Tagging.Tag("k", "v")), tagging.tags());
        assertEquals(List.of(), XmlWriter.mapper().readValue("<Tagging><TagSet/></Tagging>", Tagging.class).tags());
    }

    @Test
    void documentTypeDeclarationsAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        assertThrows(Exception.class, () -> XmlWriter.mapper().readValue(xxe, RequestDocuments.Delete.class));
    }

    @Test
    void timestampsUseS3Formats() {
        Instant t = Instant.parse("2026-11-24T13:22:23.456789Z");
        assertEquals("2026-11-24T13:22:23.456Z", Timestamps.iso(t));
        assertEquals("Tue, 24 Nov 2026 13:22:23 GMT", Timestamps.http(t));
        assertEquals("Wed, 04 Nov 2026 09:05:01 GMT", Timestamps.http(Instant.parse("2026-11-04T09:05:01.999Z")));
    }
}
