package dev.webhookkit.micrometer.internal;

import dev.webhookkit.micrometer.WebhookMetrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Per-name cached meters, for at most {@link WebhookMetrics#MAX_NAMES} names; later names share the
 * {@link WebhookMetrics#OTHER} entry, so neither tag values nor memory grow without bound.
 */
final class BoundedNames<V> {
    private final ConcurrentHashMap<String, V> byName = new ConcurrentHashMap<>();
    private final Function<String, V> create;
    private volatile V other; // made only once the cap is reached, so no "_other" meters show before

    BoundedNames(Function<String, V> create) {
        this.create = create;
    }

    V get(String name) {
        V v = byName.get(name);
        if (v != null) {
            return v;
        }
        if (byName.size() >= WebhookMetrics.MAX_NAMES) {
            V o = other;
            if (o == null) {
                o = create.apply(WebhookMetrics.OTHER); // a race makes two holders of the same registered meters: harmless
                other = o;
            }
            return o;
        }
        return byName.computeIfAbsent(name, create);
    }
}
