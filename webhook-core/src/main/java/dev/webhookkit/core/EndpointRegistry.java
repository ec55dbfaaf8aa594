package dev.webhookkit.core;

import dev.webhookkit.core.spi.Registry;
import dev.webhookkit.core.internal.InMemoryEndpointRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints a receiver knows, by name and by path: the {@link Registry} operations (Moxxy's
 * CRUD API, as a library) keyed by endpoint name, plus look-up by path. Thread-safe; changes are
 * seen by the next request.
 */
public interface EndpointRegistry extends Registry<Endpoint> {

    /** The endpoints routed to this path, in name order; several may share one path. */
    List<Endpoint> byPath(String path);

    /** A thread-safe in-memory registry. */
    static EndpointRegistry inMemory() {
        return new InMemoryEndpointRegistry();
    }
}
