package dev.webhookkit.outbound;

/** Why the SSRF guard refused a URL. */
public enum UrlRejection {
    /** Not http or https. */
    SCHEME_NOT_ALLOWED,
    /** The URL names no host. */
    MISSING_HOST,
    /** The host did not resolve; retried, since DNS may recover. */
    UNRESOLVABLE_HOST,
    /** A cloud metadata service (169.254.169.254, fd00:ec2::254, metadata.google.internal …). */
    CLOUD_METADATA,
    /** 127.0.0.0/8, ::1, localhost. */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, 100.64/10 (carrier-grade NAT), fc00::/7. */
    PRIVATE,
    /** 169.254/16, fe80::/10. */
    LINK_LOCAL,
    /** 224/4, ff00::/8. */
    MULTICAST,
    /**
     * 0.0.0.0/8, ::, broadcast, and other ranges that are not a real destination (240/4, 192.0.0/24, 198.18/15,
     * documentation), and the IPv6 transition forms that lead through a translator or tunnel (IPv4-translated
     * ::ffff:0:0:0/96, local-use NAT64 64:ff9b:1::/48, Teredo 2001::/32, 6to4 2002::/16, 6to4 relays 192.88.99/24).
     */
    RESERVED
}
