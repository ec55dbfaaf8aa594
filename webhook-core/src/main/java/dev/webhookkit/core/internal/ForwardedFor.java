package dev.webhookkit.core.internal;

import dev.webhookkit.core.IpAllowlist;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code X-Forwarded-For} from the right, the one rule the receiver
 * ({@link dev.webhookkit.core.TrustedProxies}) and the servlet filter share: the client is the
 * connection's peer or — while the hop is a trusted proxy — the address that hop says it got the
 * request from; garbage in the chain stops the walk at the last address that could be trusted.
 *
 * @param client the client's address; empty when the peer's address is not an IP literal
 * @param trustedHops how many trusted proxies handled the request (0: the peer is the client)
 */
public record ForwardedFor(Optional<InetAddress> client, int trustedHops) {

    /**
     * @param proxies the trusted proxies, or null for none
     * @param entries every comma-separated {@code X-Forwarded-For} entry, left to right
     */
    public static ForwardedFor resolve(IpAllowlist proxies, String peerAddress, List<String> entries) {
        Optional<InetAddress> peer = IpLiterals.parse(peerAddress);
        if (proxies == null || peer.isEmpty() || !proxies.allows(peer.get())) {
            return new ForwardedFor(peer, 0);
        }
        Optional<InetAddress> client = peer;
        int trusted = 1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiterals.parse(entries.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop;
            if (!proxies.allows(hop.get())) {
                break;
            }
            trusted++;
        }
        return new ForwardedFor(client, trusted);
    }
}
