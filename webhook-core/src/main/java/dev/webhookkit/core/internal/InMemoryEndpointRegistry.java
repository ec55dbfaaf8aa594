package dev.webhookkit.core.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Endpoints by name; path look-ups scan, since endpoints are few and change rarely. */
public final class InMemoryEndpointRegistry extends InMemoryRegistry<Endpoint> implements EndpointRegistry {

    public InMemoryEndpointRegistry() {
        super("endpoint", Endpoint::name);
    }

    @Override
    public List<Endpoint> byPath(String path) {
        Objects.requireNonNull(path, "path");
        List<Endpoint> routed = new ArrayList<>();
        for (Endpoint e : values()) {
            if (e.path().map(path::equals).orElse(false)) {
                routed.add(e);
            }
        }
        return routed;
    }
}
