package io.granary.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.granary.api.crypto.CustomerKey;
import io.granary.api.error.S3Error;
import io.granary.api.error.S3Exception;
import io.vertx.core.MultiMap;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CustomerKeyHeadersTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private static MultiMap headers(String algorithm, byte[] key, byte[] md5Of) throws Exception {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (algorithm != null) headers.add(S3Headers.SSE_CUSTOMER + "algorithm", algorithm);
        if (key != null) headers.add(S3Headers.SSE_CUSTOMER + "key", Base64.getEncoder().encodeToString(key));
        if (md5Of != null) {
            headers.add(S3Headers.SSE_CUSTOMER + "key-MD5", Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("MD5").digest(md5Of)));
        }
        return headers;
    }

    private static S3Error refusal(MultiMap headers, boolean secure) {
        return assertThrows(S3Exception.class, () -> CustomerKeyHeaders.parse(headers, S3Headers.SSE_CUSTOMER,
                secure)).error();
    }

    @Test
    void aCompleteKeyParsesAndItsCheckRecognisesOnlyIt() throws Exception {
        CustomerKey key = CustomerKeyHeaders.parse(headers("AES256", KEY, KEY), S3Headers.SSE_CUSTOMER, true);
        assertArrayEquals(KEY, key.key());
        String check = key.newCheck();
        assertNotEquals(check, key.newCheck(), "salted: two checks of one key differ");
        assertTrue(key.matches(check));
        byte[] other = KEY.clone();
        other[0] = 8;
        assertFalse(new CustomerKey(other, "x").matches(check));
        assertFalse(key.matches("not base64!"));
        assertNull(CustomerKeyHeaders.parse(MultiMap.caseInsensitiveMultiMap(), S3Headers.SSE_CUSTOMER, false));
    }

    @Test
    void eachMalformedKeyGetsAwsError() throws Exception {
        assertEquals(S3Error.INVALID_REQUEST, refusal(headers("AES256", KEY, KEY), false));
        assertEquals(S3Error.INVALID_ENCRYPTION_ALGORITHM, refusal(headers("AES128", KEY, KEY), true));
        assertEquals(S3Error.INVALID_ARGUMENT, refusal(headers(null, KEY, KEY), true));
        assertEquals(S3Error.INVALID_ARGUMENT, refusal(headers("AES256", null, KEY), true));
        assertEquals(S3Error.INVALID_ARGUMENT, refusal(headers("AES256", KEY, null), true));
        assertEquals(S3Error.INVALID_ARGUMENT, refusal(headers("AES256", new byte[16], new byte[16]), true));
        assertEquals(S3Error.INVALID_ARGUMENT, refusal(headers("AES256", KEY, new byte[32]), true));
    }
}
