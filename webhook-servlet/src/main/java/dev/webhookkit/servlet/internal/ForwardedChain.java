package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.internal.IpLiterals;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request, read from the right of its {@code X-Forwarded-For} chain the way
 * {@link dev.webhookkit.core.TrustedProxies#clientAddress} reads it: the connection's peer, or —
 * while the hop is a trusted proxy — the address that hop says it got the request from. Also
 * counts the trusted hops, because each trusted proxy appends one entry to the other
 * {@code X-Forwarded-*} headers: the entry written by the proxy that talked to the client is the
 * {@code trustedHops}-th from the right, and anything left of it came from the client itself.
 *
 * @param client the client's address; empty when the peer's address is not an IP literal
 * @param trustedHops how many trusted proxies handled the request (0: the peer is the client)
 */
public record ForwardedChain(Optional<InetAddress> client, int trustedHops) {
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    public static ForwardedChain of(HttpServletRequest request, Optional<IpAllowlist> trustedProxies) {
        Optional<InetAddress> peer = IpLiterals.parse(request.getRemoteAddr());
        if (trustedProxies.isEmpty() || peer.isEmpty() || !trustedProxies.get().allows(peer.get())) {
            return new ForwardedChain(peer, 0);
        }
        IpAllowlist proxies = trustedProxies.get();
        List<String> hops = entries(request, FORWARDED_FOR);
        Optional<InetAddress> client = peer;
        int trusted = 1;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiterals.parse(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage in the chain: stop at the last address we could trust
            }
            client = hop;
            if (!proxies.allows(hop.get())) {
                break;
            }
            trusted++;
        }
        return new ForwardedChain(client, trusted);
    }

    /**
     * The entry of an {@code X-Forwarded-*} header written by the outermost trusted proxy: the
     * {@code trustedHops}-th from the right, or the left-most when the proxies wrote fewer
     * (a proxy that replaces the header instead of appending). Empty without trusted hops.
     */
    public Optional<String> trustedEntry(HttpServletRequest request, String header) {
        if (trustedHops == 0) {
            return Optional.empty();
        }
        List<String> values = entries(request, header);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(Math.max(0, values.size() - trustedHops));
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Every comma-separated entry of every line of a header, in order, trimmed. */
    static List<String> entries(HttpServletRequest request, String header) {
        Enumeration<String> lines = request.getHeaders(header);
        if (lines == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : Collections.list(lines)) {
            for (String entry : line.split(",")) {
                out.add(entry.trim());
            }
        }
        return out;
    }
}
