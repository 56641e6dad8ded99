package io.granary.api.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bodies for the parsers: the XML documents S3 reads (DeleteObjects, CompleteMultipartUpload, tagging,
 * CreateBucketConfiguration, ACLs) and policy JSON, each valid, oversized or mutated (truncated, a byte
 * flipped, a DTD with entities, invalid UTF-8, deep nesting), and raw bytes. Framed bodies (HTTP
 * chunked with bad sizes, aws-chunked with bad sizes or signatures) are built by {@link RequestFuzzer},
 * which knows the signature they chain from.
 */
final class FuzzBodies {
    private final FuzzRandom random;
    private final String existingKey;

    FuzzBodies(FuzzRandom random, String existingKey) {
        this.random = random;
        this.existingKey = existingKey;
    }

    byte[] next() {
        if (random.chance(0.15)) return random.bytes(random.pick(0, 1, 100, 70_000));
        byte[] document = document().getBytes(StandardCharsets.UTF_8);
        return random.chance(0.5) ? mutate(document) : document;
    }

    private String document() {
        return switch (random.below(7)) {
            case 0 -> deleteObjects();
            case 1 -> complete();
            case 2 -> tagging();
            case 3 -> policy();
            case 4 -> "<CreateBucketConfiguration><LocationConstraint>" + random.pick("", "us-east-1", "EU",
                    "mars-1", "x".repeat(500)) + "</LocationConstraint></CreateBucketConfiguration>";
            case 5 -> "<AccessControlPolicy><Owner><ID>x</ID></Owner><AccessControlList><Grant><Grantee "
                    + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><URI>"
                    + "http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission>"
                    + "</Grant></AccessControlList></AccessControlPolicy>";
            default -> random.pick("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                    + "<Delete><Object><Key>&e;</Key></Object></Delete>", "<a>" + "<b>".repeat(5000),
                    "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>maybe</Quiet></Delete>",
                    "", "<", "null", "{}", "<?xml version=\"1.0\" encoding=\"EBCDIC\"?><Tagging/>");
        };
    }

    private String deleteObjects() {
        int count = random.pick(0, 1, 3, 1001);
        StringBuilder xml = new StringBuilder("<Delete>");
        if (random.chance(0.3)) xml.append("<Quiet>").append(random.pick("true", "false", "1")).append("</Quiet>");
        for (int i = 0; i < count; i++) {
            xml.append("<Object><Key>").append(random.pick(existingKey, "k" + i, "", "a&amp;b", "x".repeat(1100)))
                    .append("</Key>");
            if (random.chance(0.2)) xml.append("<ETag>").append(random.pick("\"x\"", "", "*")).append("</ETag>");
            if (random.chance(0.1)) xml.append("<VersionId>").append(random.pick("null", "v1")).append("</VersionId>");
            xml.append("</Object>");
        }
        return xml.append("</Delete>").toString();
    }

    private String complete() {
        StringBuilder xml = new StringBuilder("<CompleteMultipartUpload>");
        int count = random.pick(0, 1, 2, 10_001 / 100);
        for (int i = 0; i < count; i++) {
            xml.append("<Part><PartNumber>").append(random.pick("1", "2", "0", "-1", "10001", "x", String.valueOf(i)))
                    .append("</PartNumber><ETag>").append(random.pick("\"d41d8cd98f00b204e9800998ecf8427e\"", "", "x"))
                    .append("</ETag>");
            if (random.chance(0.2)) {
                xml.append("<ChecksumCRC32>").append(random.pick("AAAAAA==", "zz")).append("</ChecksumCRC32>");
            }
            xml.append("</Part>");
        }
        return xml.append("</CompleteMultipartUpload>").toString();
    }

    private String tagging() {
        StringBuilder xml = new StringBuilder("<Tagging><TagSet>");
        int count = random.pick(0, 1, 2, 11, 51);
        for (int i = 0; i < count; i++) {
            String key = random.pick("k", "k" + i, "", "aws:x", "é", "k".repeat(129));
            xml.append("<Tag><Key>").append(key).append("</Key><Value>")
                    .append(random.pick("v", "", "v".repeat(257), "<>")).append("</Value></Tag>");
        }
        return xml.append("</TagSet></Tagging>").toString();
    }

    private String policy() {
        return random.pick("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}", "{\"Version\":1}",
                "{\"Statement\":\"x\"}", "[" .repeat(3000), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Maybe\",\"Action\":[],\"Resource\":{}}]}", "{\"Statement\":[{\"Condition\":{\"Foo\":{\"a\":1}},"
                + "\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"x\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}");
    }

    private byte[] mutate(byte[] document) {
        if (document.length == 0) return document;
        return switch (random.below(4)) {
            case 0 -> Arrays.copyOf(document, random.below(document.length));
            case 1 -> {
                byte[] copy = document.clone();
                copy[random.below(copy.length)] ^= (byte) (1 + random.below(255));
                yield copy;
            }
            case 2 -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int at = random.below(document.length);
                out.write(document, 0, at);
                out.writeBytes(random.pick(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {0},
                        "<x>".getBytes(StandardCharsets.US_ASCII), "]]>".getBytes(StandardCharsets.US_ASCII)));
                out.write(document, at, document.length - at);
                yield out.toByteArray();
            }
            default -> {
                byte[] doubled = Arrays.copyOf(document, document.length * 2);
                System.arraycopy(document, 0, doubled, document.length, document.length);
                yield doubled;
            }
        };
    }
}
