package io.granary.iam.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address block in CIDR notation ({@code 192.0.2.0/24}, {@code 2001:db8::/32}; a
 * bare address is a /32 or /128), as used by the {@code IpAddress} condition on
 * {@code aws:SourceIp}. Addresses are parsed here rather than by {@code InetAddress}, which falls
 * back to a DNS lookup for text it does not recognise. IPv4-mapped IPv6 addresses count as IPv4.
 */
record IpAddressRange(byte[] network, int prefixLength) {

    static Optional<IpAddressRange> parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        Optional<byte[]> address = addressText.indexOf(':') < 0 ? parseIpv4(addressText) : parseIpv6(addressText);
        if (address.isEmpty()) return Optional.empty();
        int bits = address.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) return Optional.empty();
        }
        if (bits == 128 && prefix >= 96 && isIpv4Mapped(address.get())) {
            return Optional.of(new IpAddressRange(Arrays.copyOfRange(address.get(), 12, 16), prefix - 96));
        }
        return Optional.of(new IpAddressRange(address.get(), prefix));
    }

    /** Whether {@code address} (text, as in the request context) lies in this block. */
    boolean contains(String address) {
        Optional<byte[]> parsed = parseAddress(address);
        if (parsed.isEmpty() || parsed.get().length != network.length) return false;
        byte[] candidate = parsed.get();
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit & 7);
            if ((candidate[bit >>> 3] & mask) != (network[bit >>> 3] & mask)) return false;
        }
        return true;
    }

    static Optional<byte[]> parseAddress(String text) {
        if (text.indexOf(':') < 0) return parseIpv4(text);
        Optional<byte[]> v6 = parseIpv6(text);
        if (v6.isPresent() && isIpv4Mapped(v6.get())) {
            return Optional.of(Arrays.copyOfRange(v6.get(), 12, 16));
        }
        return v6;
    }

    private static Optional<byte[]> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) return Optional.empty();
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(part);
            if (value > 255) return Optional.empty();
            out[i] = (byte) value;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return Optional.empty();
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head, gap < 0);
        int[] tailGroups = groups(tail, true);
        if (headGroups == null || tailGroups == null) return Optional.empty();
        int total = headGroups.length + tailGroups.length;
        if (gap < 0 ? total != 8 : total > 7) return Optional.empty();
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (all[i] >>> 8);
            out[2 * i + 1] = (byte) all[i];
        }
        return Optional.of(out);
    }

    /** 16-bit groups of one side of "::"; a dotted IPv4 tail (when allowed) counts as two. */
    private static int[] groups(String side, boolean mayEndInIpv4) {
        if (side.isEmpty()) return new int[0];
        String[] parts = side.split(":", -1);
        int last = parts.length - 1;
        boolean ipv4Tail = mayEndInIpv4 && parts[last].indexOf('.') >= 0;
        int[] out = new int[parts.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (i == last && ipv4Tail) {
                Optional<byte[]> v4 = parseIpv4(parts[i]);
                if (v4.isEmpty()) return null;
                byte[] b = v4.get();
                out[i] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                out[i + 1] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            } else {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 4
                        || !part.chars().allMatch(IpAddressRange::isAsciiHex)) {
                    return null;
                }
                out[i] = Integer.parseInt(part, 16);
            }
        }
        return out;
    }

    private static boolean isAsciiHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isIpv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) return false;
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }
}
