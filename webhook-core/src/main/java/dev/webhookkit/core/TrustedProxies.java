package dev.webhookkit.core;

import dev.webhookkit.core.internal.ForwardedFor;
import dev.webhookkit.core.internal.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
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
        if (!any) {
            return IpLiterals.parse(request.remoteAddress()); // no header to read: the common case stays cheap
        }
        List<String> entries = new ArrayList<>();
        for (String line : request.headers().all("X-Forwarded-For")) {
            entries.addAll(Arrays.asList(line.split(",")));
        }
        return ForwardedFor.resolve(any ? proxies : null, request.remoteAddress(), entries).client();
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
