package dev.webhookkit.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client addresses an endpoint accepts: single addresses and CIDR ranges, IPv4 and IPv6, from
 * a list or a comma-separated string ({@code "192.168.1.0/24,10.0.0.1"}). The client address comes
 * from {@link TrustedProxies#clientAddress(WebhookRequest)}. Immutable and thread-safe.
 */
public final class IpAllowlist {
    private static final IpAllowlist ALLOW_ALL = new IpAllowlist(List.of());

    private final List<CidrRange> ranges;

    private IpAllowlist(List<CidrRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** No restriction. */
    public static IpAllowlist allowAll() {
        return ALLOW_ALL;
    }

    /** From a comma-separated list; blank means allow all. */
    public static IpAllowlist parse(String commaSeparated) {
        List<String> parts = new ArrayList<>();
        for (String p : commaSeparated.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return of(parts);
    }

    /** From addresses and CIDR ranges; an empty list means allow all. */
    public static IpAllowlist of(List<String> entries) {
        return new IpAllowlist(entries.stream().map(CidrRange::parse).toList());
    }

    public boolean isAllowAll() {
        return ranges.isEmpty();
    }

    public List<CidrRange> ranges() {
        return ranges;
    }

    public boolean allows(InetAddress address) {
        if (ranges.isEmpty()) {
            return true;
        }
        for (CidrRange r : ranges) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** True when the list allows all, or the client address is known and on the list. */
    public boolean allows(Optional<InetAddress> client) {
        return ranges.isEmpty() || client.map(this::allows).orElse(false);
    }

    @Override
    public String toString() {
        return ranges.isEmpty() ? "IpAllowlist[all]" : "IpAllowlist" + ranges;
    }
}
