package io.granary.iam.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressRangeTest {

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7, 192.0.2.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "192.0.2.128/25, 192.0.2.127, false",
        "192.0.2.128/25, 192.0.2.200, true",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::1, ::1, true",
        "::/0, fe80::1, true",
        "2001:db8::/32, 10.0.0.1, false",
        "10.0.0.0/8, ::ffff:10.1.2.3, true",
        "1:2:3:4:5:6:7:8/128, 1:2:3:4:5:6:7:8, true",
        "::ffff:0:0/96, 1.2.3.4, true",
        "::ffff:10.0.0.0/104, 10.9.9.9, true",
        "10.0.0.0/8, not-an-ip, false",
        "10.0.0.0/8, 10.0.0.256, false"})
    void containsMatchesCidrSemantics(String cidr, String address, boolean expected) {
        assertEquals(expected, IpAddressRange.parse(cidr).orElseThrow().contains(address));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "10.0.0/8", "1.2.3.4.5", "01234.0.0.1", "::1::2", "1:2:3:4:5:6:7:8:9", "12345::",
        "example.com", "10.0.0.0/", "10.0.0.0/-1", "fe80::1%eth0", "１.2.3.4"})
    void rejectsMalformedBlocks(String text) {
        assertEquals(true, IpAddressRange.parse(text).isEmpty());
    }
}
