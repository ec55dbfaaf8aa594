package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Endpoints in a concurrent map; path look-ups scan, since endpoints are few and change rarely. */
public final class InMemoryEndpointRegistry implements EndpointRegistry {
    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    @Override
    public void create(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
            throw new ConfigurationException("endpoint '" + endpoint.name() + "' already exists");
        }
    }

    @Override
    public Optional<Endpoint> get(String name) {
        return Optional.ofNullable(endpoints.get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public void update(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoints.replace(endpoint.name(), endpoint) == null) {
            throw new ConfigurationException("endpoint '" + endpoint.name() + "' does not exist");
        }
    }

    @Override
    public void put(Endpoint endpoint) {
        endpoints.put(Objects.requireNonNull(endpoint, "endpoint").name(), endpoint);
    }

    @Override
    public boolean delete(String name) {
        return endpoints.remove(Objects.requireNonNull(name, "name")) != null;
    }

    @Override
    public List<Endpoint> list() {
        return endpoints.values().stream().sorted(Comparator.comparing(Endpoint::name)).toList();
    }

    @Override
    public List<Endpoint> byPath(String path) {
        Objects.requireNonNull(path, "path");
        return endpoints.values().stream()
                .filter(e -> e.path().map(path::equals).orElse(false))
                .sorted(Comparator.comparing(Endpoint::name))
                .toList();
    }
}
