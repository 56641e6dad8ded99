package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The end of a multipart part is found wherever the network splits the body, and no part byte is lost. */
class PartEndScannerTest {
    private static final byte[] DELIMITER = "\r\n--XyZ".getBytes(StandardCharsets.ISO_8859_1);

    /** Part bytes that hold near-misses of the delimiter, then the delimiter and the closing dashes. */
    private static byte[] body(byte[] part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(part);
        out.writeBytes(DELIMITER);
        out.writeBytes("--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] scan(byte[] body, int... cuts) {
        PartEndScanner scanner = new PartEndScanner(DELIMITER);
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        int from = 0;
        for (int cut : cuts) {
            part.writeBytes(scanner.feed(Buffer.buffer().appendBytes(body, from, cut - from)).getBytes());
            from = cut;
        }
        part.writeBytes(scanner.feed(Buffer.buffer().appendBytes(body, from, body.length - from)).getBytes());
        assertTrue(scanner.ended(), "the delimiter was found");
        return part.toByteArray();
    }

    @Test
    void findsTheDelimiterWhereverTwoBuffersSplitTheBody() {
        byte[] part = "a\r\n--Xy\r\nb\r\r\n-\r\n--XyQ end\r".getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = body(part);
        for (int cut = 0; cut <= body.length; cut++) {
            assertArrayEquals(part, scan(body, cut), "cut at " + cut);
        }
    }

    @Test
    void findsItInOneByteBuffersAndInRandomPieces() {
        byte[] part = new byte[50_000];
        new Random(15).nextBytes(part);
        byte[] body = body(part);
        int[] everyByte = new int[body.length - 1];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i + 1;
        }
        assertArrayEquals(part, scan(body, everyByte));
        Random random = new Random(7);
        int[] cuts = random.ints(40, 0, body.length).sorted().distinct().toArray();
        assertArrayEquals(part, scan(body, cuts));
    }

    @Test
    void bytesAfterTheDelimiterAreNotPartOfThePart() {
        PartEndScanner scanner = new PartEndScanner(DELIMITER);
        assertEquals("abc", scanner.feed(Buffer.buffer("abc\r\n--XyZ\r\nmore")).toString());
        assertEquals(0, scanner.feed(Buffer.buffer("trailing")).length());
        PartEndScanner open = new PartEndScanner(DELIMITER);
        assertEquals("abc", open.feed(Buffer.buffer("abc\r\n--X")).toString());
        assertFalse(open.ended());
    }
}
