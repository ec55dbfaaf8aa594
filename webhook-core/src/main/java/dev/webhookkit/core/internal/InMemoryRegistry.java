package dev.webhookkit.core.internal;

import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.spi.Registry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * A {@link Registry} in a concurrent sorted map, so {@link #list()} is in key order without a lock.
 * Endpoint and subscription registries are this plus their own look-ups.
 */
public class InMemoryRegistry<T> implements Registry<T> {
    private final String kind;
    private final Function<T, String> keyOf;
    private final ConcurrentSkipListMap<String, T> entries = new ConcurrentSkipListMap<>();

    /** @param kind what an entry is called in errors ("endpoint") */
    public InMemoryRegistry(String kind, Function<T, String> keyOf) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    @Override
    public void create(T entry) {
        String key = keyOf.apply(Objects.requireNonNull(entry, kind));
        if (entries.putIfAbsent(key, entry) != null) {
            throw new AlreadyExistsException(kind, key);
        }
    }

    @Override
    public Optional<T> get(String key) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void update(T entry) {
        String key = keyOf.apply(Objects.requireNonNull(entry, kind));
        if (entries.replace(key, entry) == null) {
            throw new NotFoundException(kind, key);
        }
    }

    @Override
    public void put(T entry) {
        entries.put(keyOf.apply(Objects.requireNonNull(entry, kind)), entry);
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(Objects.requireNonNull(key, "key")) != null;
    }

    @Override
    public List<T> list() {
        return List.copyOf(entries.values());
    }

    /** The entries, in key order, without copying: for look-ups of subclasses. */
    protected Iterable<T> values() {
        return entries.values();
    }
}
