package dev.webhookkit.core;

import dev.webhookkit.core.internal.IpLiterals;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a
 * single address. Immutable and thread-safe.
 */
public final class CidrRange {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private CidrRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /** @throws ConfigurationException when the text is not an address or CIDR range */
    public static CidrRange parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = IpLiterals.parse(addressPart)
                .orElseThrow(() -> new ConfigurationException("not an IP address or CIDR range: '" + cidr + "'"));
        byte[] bytes = address.getAddress();
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("CIDR prefix must be a number but was '" + cidr + "'");
            }
            if (prefix < 0 || prefix > max) {
                throw new ConfigurationException("CIDR prefix must be 0.." + max + " but was " + prefix + " in '" + cidr + "'");
            }
        }
        return new CidrRange(mask(bytes, prefix), prefix, s);
    }

    /** True when the address lies in this range (IPv4 and IPv6 never match each other). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), network);
    }

    public int prefixLength() {
        return prefixLength;
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - bitsHere));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrRange c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        return text;
    }
}
