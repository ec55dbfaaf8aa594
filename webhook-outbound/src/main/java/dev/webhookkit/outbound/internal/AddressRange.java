package dev.webhookkit.outbound.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An address range compared byte by byte without allocating, since the SSRF guard checks every
 * address against some thirty ranges on every attempt. Parses only IP literals (never looks up a name).
 */
public final class AddressRange {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8} or a single address; the caller has validated the text. */
    public static AddressRange parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP literal: " + cidr);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + cidr, e);
        }
        int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        return new AddressRange(bytes, bits, s);
    }

    /** True when the address (4 or 16 bytes) lies in the range; IPv4 and IPv6 never match each other. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
