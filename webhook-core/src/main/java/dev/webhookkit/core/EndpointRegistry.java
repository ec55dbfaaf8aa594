package dev.webhookkit.core;

import dev.webhookkit.core.internal.InMemoryEndpointRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The endpoints a receiver knows, by name and by path: create, read, update, delete, list
 * (Moxxy's CRUD API, as a library). Thread-safe; changes are seen by the next request.
 */
public interface EndpointRegistry {

    /** Adds a new endpoint. @throws ConfigurationException when the name is taken */
    void create(Endpoint endpoint);

    Optional<Endpoint> get(String name);

    /** Replaces an existing endpoint of the same name. @throws ConfigurationException when there is none */
    void update(Endpoint endpoint);

    /** Creates or replaces. */
    void put(Endpoint endpoint);

    /** @return true when an endpoint of that name was removed */
    boolean delete(String name);

    /** Every endpoint, by name. */
    List<Endpoint> list();

    /** The endpoints routed to this path, in name order; several may share one path. */
    List<Endpoint> byPath(String path);

    /** A thread-safe in-memory registry. */
    static EndpointRegistry inMemory() {
        return new InMemoryEndpointRegistry();
    }
}
