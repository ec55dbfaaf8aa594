package dev.webhookkit.outbound.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses for the SSRF guard. Tests plug in a fixed table to show
 * what the guard does with a name that resolves to a private address. Must be thread-safe.
 */
@FunctionalInterface
public interface HostResolver {

    /** Every address of the host; an IP literal resolves to itself. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JVM's resolver ({@link InetAddress#getAllByName}), subject to its DNS cache settings. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
