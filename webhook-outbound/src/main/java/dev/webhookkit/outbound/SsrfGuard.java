package dev.webhookkit.outbound;

import dev.webhookkit.core.CidrRange;
import dev.webhookkit.outbound.spi.HostResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps webhooks from being aimed at the sender's own network (server-side request forgery): only
 * http and https, and never a host that resolves to a loopback, private, link-local, multicast,
 * reserved or cloud-metadata address, unless that address lies in a range allowed explicitly
 * ({@code SsrfGuard.builder().allow("127.0.0.1").build()} for tests and local development).
 * Every address a name resolves to must pass, so a name with one public and one private address
 * is refused. IPv6 forms that embed an IPv4 address are judged by it (IPv4-mapped
 * {@code ::ffff:0:0/96}, IPv4-compatible, NAT64 {@code 64:ff9b::/96}); those that lead through a
 * translator or tunnel are refused outright (IPv4-translated {@code ::ffff:0:0:0/96}, local-use
 * NAT64 {@code 64:ff9b:1::/48}, Teredo {@code 2001::/32}, 6to4 {@code 2002::/16} and its relay
 * anycast {@code 192.88.99.0/24}).
 *
 * <p>The dispatcher checks before every attempt, since DNS answers change. The check is not pinned
 * to the connection: the JDK HttpClient resolves the name again itself when it connects and has
 * no hook to hand it the checked address (see docs/outbound.md, "Security model"). With the
 * default {@link HostResolver#system()} both look-ups usually hit the JVM's DNS cache, but a
 * name whose answer changes between the two (DNS rebinding) can still reach a private address;
 * deployments that must rule that out send through an egress proxy or firewall that enforces
 * the same policy on the address actually connected to.
 *
 * <p>Immutable and thread-safe. Expected refusals are results ({@link UrlCheck}), never exceptions.
 */
public final class SsrfGuard {
    /** Host names of cloud metadata services, refused before any look-up. */
    public static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.goog", "metadata",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");

    private static final List<CidrRange> METADATA = ranges("169.254.169.254", "169.254.170.2", "169.254.169.253", "100.100.100.200",
            "192.0.0.192", "fd00:ec2::254", "fd00:ec2::23");
    private static final List<CidrRange> LOOPBACK = ranges("127.0.0.0/8", "::1");
    private static final List<CidrRange> PRIVATE = ranges("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7");
    private static final List<CidrRange> LINK_LOCAL = ranges("169.254.0.0/16", "fe80::/10");
    private static final List<CidrRange> MULTICAST = ranges("224.0.0.0/4", "ff00::/8");
    private static final List<CidrRange> RESERVED = ranges("0.0.0.0/8", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "::/128", "100::/64", "2001:db8::/32",
            "64:ff9b:1::/48");
    /**
     * IPv6 forms that carry an IPv4 address to a translator or tunnel the guard cannot see past:
     * IPv4-translated (SIIT), Teredo and 6to4. Where they lead depends on a relay's or
     * translator's network, not on the embedded address alone, so they are refused outright
     * (a subscriber reachable over IPv6 has a native address). {@code 192.88.99.0/24}, the 6to4
     * relay anycast, is in {@link #RESERVED}.
     */
    private static final List<CidrRange> TUNNELED = ranges("::ffff:0:0:0/96", "2001::/32", "2002::/16");
    private static final SsrfGuard STRICT = builder().build();
    private static final SsrfGuard OFF = new SsrfGuard(List.of(), HostResolver.system(), true);

    private final List<CidrRange> allowed;
    private final HostResolver resolver;
    private final boolean disabled;

    private SsrfGuard(List<CidrRange> allowed, HostResolver resolver, boolean disabled) {
        this.allowed = List.copyOf(allowed);
        this.resolver = resolver;
        this.disabled = disabled;
    }

    /** The default: refuses every non-public address. */
    public static SsrfGuard strict() {
        return STRICT;
    }

    /** Checks nothing but the scheme: only for hosts whose network egress is already locked down. */
    public static SsrfGuard disabled() {
        return OFF;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Resolves the URL's host and decides; never throws for a bad or unresolvable URL. */
    public UrlCheck check(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return UrlCheck.rejected(url, UrlRejection.SCHEME_NOT_ALLOWED, "scheme must be http or https but was '" + scheme + "'", List.of());
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return UrlCheck.rejected(url, UrlRejection.MISSING_HOST, "url names no host", List.of());
        }
        if (disabled) {
            return UrlCheck.allowed(url, List.of());
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String name = bare.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_HOSTS.contains(name)) {
            return UrlCheck.rejected(url, UrlRejection.CLOUD_METADATA, "host " + host + " is a cloud metadata service", List.of());
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException | RuntimeException e) {
            return UrlCheck.rejected(url, UrlRejection.UNRESOLVABLE_HOST, "host " + host + " did not resolve: " + e.getMessage(), List.of());
        }
        if (addresses.isEmpty()) {
            return UrlCheck.rejected(url, UrlRejection.UNRESOLVABLE_HOST, "host " + host + " resolved to no address", List.of());
        }
        for (InetAddress address : addresses) {
            UrlRejection rejection = classify(address);
            if (rejection != null && !isAllowed(address)) {
                return UrlCheck.rejected(url, rejection, "host " + host + " resolves to " + rejection.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " address " + address.getHostAddress(), addresses);
            }
        }
        return UrlCheck.allowed(url, addresses);
    }

    private boolean isAllowed(InetAddress address) {
        InetAddress effective = embeddedIpv4(address);
        return in(allowed, address) || in(allowed, effective);
    }

    /** Why an address is not a public destination, or null when it is one. */
    static UrlRejection classify(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (in(METADATA, a)) {
            return UrlRejection.CLOUD_METADATA;
        }
        if (a.isLoopbackAddress() || in(LOOPBACK, a)) {
            return UrlRejection.LOOPBACK;
        }
        if (in(LINK_LOCAL, a) || a.isLinkLocalAddress()) {
            return UrlRejection.LINK_LOCAL;
        }
        if (in(PRIVATE, a) || a.isSiteLocalAddress()) {
            return UrlRejection.PRIVATE;
        }
        if (a.isMulticastAddress() || in(MULTICAST, a)) {
            return UrlRejection.MULTICAST;
        }
        if (a.isAnyLocalAddress() || in(RESERVED, a) || in(TUNNELED, address) || isBroadcast(a)) {
            return UrlRejection.RESERVED;
        }
        return null;
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible or NAT64
     * ({@code 64:ff9b::/96}) IPv6 address, so that none of them smuggles a private IPv4 address
     * past the checks; the address itself otherwise. (6to4, Teredo and IPv4-translated addresses
     * are refused whatever they embed, see {@link #TUNNELED}.)
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        byte[] v4 = null;
        if (zeroPrefix && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0 && !allZero(b, 12, 16) && !isV6Loopback(b)))) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (v4 == null) {
            return address;
        }
        try {
            return Inet4Address.getByAddress(v4);
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV6Loopback(byte[] b) {
        return allZero(b, 0, 15) && b[15] == 1;
    }

    private static boolean isBroadcast(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && b[0] == (byte) 255 && b[1] == (byte) 255 && b[2] == (byte) 255 && b[3] == (byte) 255;
    }

    private static boolean in(List<CidrRange> ranges, InetAddress a) {
        for (CidrRange r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static List<CidrRange> ranges(String... cidrs) {
        List<CidrRange> out = new ArrayList<>();
        for (String c : cidrs) {
            out.add(CidrRange.parse(c));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return disabled ? "SsrfGuard[disabled]" : "SsrfGuard[allowed=" + allowed + "]";
    }

    /** Collects the guard's exceptions; not thread-safe. */
    public static final class Builder {
        private final List<CidrRange> allowed = new ArrayList<>();
        private HostResolver resolver = HostResolver.system();

        private Builder() {
        }

        /**
         * Allows an address or CIDR range that would otherwise be refused ({@code "127.0.0.1"},
         * {@code "10.20.0.0/16"}).
         *
         * @throws dev.webhookkit.core.ConfigurationException when it is not an address or range
         */
        public Builder allow(String cidr) {
            allowed.add(CidrRange.parse(Objects.requireNonNull(cidr, "cidr")));
            return this;
        }

        /** Allows the loopback addresses (127.0.0.0/8 and ::1): for tests and local development. */
        public Builder allowLoopback() {
            return allow("127.0.0.0/8").allow("::1");
        }

        /** Allows the private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): for subscribers inside the same network. */
        public Builder allowPrivateNetworks() {
            PRIVATE.forEach(allowed::add);
            return this;
        }

        /** How host names are resolved; default {@link HostResolver#system()}. */
        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public SsrfGuard build() {
            return new SsrfGuard(allowed, resolver, false);
        }
    }
}
