package dev.webhookkit.core;

import dev.webhookkit.core.internal.IpLiterals;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which reverse proxies may tell us the client's address in {@code X-Forwarded-For}. Without
 * trusted proxies the client is the connection's peer; a forged header from anyone else is ignored.
 * Immutable and thread-safe.
 */
public final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(IpAllowlist.allowAll(), false);

    private final IpAllowlist proxies;
    private final boolean any;

    private TrustedProxies(IpAllowlist proxies, boolean any) {
        this.proxies = proxies;
        this.any = any;
    }

    /** Trust no proxy: the client is always the connection's peer. */
    public static TrustedProxies none() {
        return NONE;
    }

    /** Trust these proxy addresses or ranges, e.g. {@code "10.0.0.0/8"}. */
    public static TrustedProxies of(String commaSeparated) {
        IpAllowlist list = IpAllowlist.parse(commaSeparated);
        return list.isAllowAll() ? NONE : new TrustedProxies(list, true);
    }

    public static TrustedProxies of(List<String> entries) {
        IpAllowlist list = IpAllowlist.of(entries);
        return list.isAllowAll() ? NONE : new TrustedProxies(list, true);
    }

    /**
     * The client's address: the connection's peer, or — when the peer is a trusted proxy — the
     * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy.
     */
    public Optional<InetAddress> clientAddress(WebhookRequest request) {
        Optional<InetAddress> peer = IpLiterals.parse(request.remoteAddress());
        if (!any || peer.isEmpty() || !proxies.allows(peer.get())) {
            return peer;
        }
        List<String> forwarded = request.headers().all("X-Forwarded-For");
        Optional<InetAddress> client = peer;
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = IpLiterals.parse(hops[i]);
                if (hop.isEmpty()) {
                    return client; // garbage in the chain: stop at the last address we could trust
                }
                client = hop;
                if (!proxies.allows(hop.get())) {
                    return client;
                }
            }
        }
        return client;
    }

    /** The trusted proxies' addresses and ranges; empty when no proxy is trusted. */
    public Optional<IpAllowlist> proxies() {
        return any ? Optional.of(proxies) : Optional.empty();
    }

    @Override
    public String toString() {
        return any ? "TrustedProxies" + proxies.ranges() : "TrustedProxies[none]";
    }
}
