package dev.webhookkit.servlet;

import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.spi.Deduplicator;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Receiver parts that fail on cue, for the 500 and 503 answers. */
final class FaultyParts {
    /** The endpoint name whose look-up throws. */
    static final String EXPLODING_NAME = "explode";
    /** A delivery id containing this makes the deduplicator unreachable. */
    static final String UNAVAILABLE_MARK = "unavailable";

    private FaultyParts() {
    }

    /** A registry whose look-up of {@link #EXPLODING_NAME} throws, as a broken store would. */
    static EndpointRegistry explodingRegistry(EndpointRegistry delegate) {
        return new EndpointRegistry() {
            @Override
            public void create(Endpoint endpoint) {
                delegate.create(endpoint);
            }

            @Override
            public Optional<Endpoint> get(String name) {
                if (EXPLODING_NAME.equals(name)) {
                    throw new IllegalStateException("registry store broke: password=hunter2");
                }
                return delegate.get(name);
            }

            @Override
            public void update(Endpoint endpoint) {
                delegate.update(endpoint);
            }

            @Override
            public void put(Endpoint endpoint) {
                delegate.put(endpoint);
            }

            @Override
            public boolean delete(String name) {
                return delegate.delete(name);
            }

            @Override
            public List<Endpoint> list() {
                return delegate.list();
            }

            @Override
            public List<Endpoint> byPath(String path) {
                return delegate.byPath(path);
            }
        };
    }

    /** A deduplicator that is unreachable for delivery keys containing {@link #UNAVAILABLE_MARK}. */
    static Deduplicator flakyDeduplicator(Deduplicator delegate) {
        return (key, window) -> {
            if (key.contains(UNAVAILABLE_MARK)) {
                throw new DependencyUnavailableException("test: dedup store unreachable", new IOException("connection refused"));
            }
            return delegate.claim(key, window);
        };
    }
}
