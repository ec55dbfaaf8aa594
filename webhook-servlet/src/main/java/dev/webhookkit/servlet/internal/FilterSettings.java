package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.WebhookReceiver;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated settings of one {@code WebhookFilter}.
 *
 * @param receiver the receiver requests are handed to
 * @param prefix the path prefix without a trailing slash ("" for every path)
 * @param clock the clock that stamps {@code receivedAt}
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} names the client and whose
 *     {@code X-Forwarded-Proto/Host/Port} rebuild the request URL; empty for none
 * @param unknownEndpointMaxBodyBytes the body limit for paths that name no endpoint
 * @param continueChain whether a PROCESSED or ACCEPTED request goes on down the chain instead of being answered
 */
public record FilterSettings(
        WebhookReceiver receiver,
        String prefix,
        Clock clock,
        Optional<IpAllowlist> trustedProxies,
        int unknownEndpointMaxBodyBytes,
        boolean continueChain) {

    public FilterSettings {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }
}
