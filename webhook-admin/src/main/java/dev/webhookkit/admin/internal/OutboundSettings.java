package dev.webhookkit.admin.internal;

import dev.webhookkit.admin.spi.HealthCheck;
import dev.webhookkit.outbound.SsrfGuard;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the outbound routes need besides the dispatcher, fixed when the API is built.
 *
 * @param urlGuard checks a subscription's URL before it is stored (the dispatcher checks again on every attempt)
 * @param healthChecks the host's own checks by name, in the order registered
 */
public record OutboundSettings(SsrfGuard urlGuard, Map<String, HealthCheck> healthChecks) {

    public OutboundSettings {
        Objects.requireNonNull(urlGuard, "urlGuard");
        healthChecks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(healthChecks));
    }

    /** The strict guard and no checks of the host's. */
    public static OutboundSettings defaults() {
        return new OutboundSettings(SsrfGuard.strict(), Map.of());
    }
}
