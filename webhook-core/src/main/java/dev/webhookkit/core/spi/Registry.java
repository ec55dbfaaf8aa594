package dev.webhookkit.core.spi;

import java.util.List;
import java.util.Optional;

/**
 * Named configuration a running system reads on every use and an operator changes while it runs
 * (endpoints, subscriptions): create, read, update, delete, list. Implementations are
 * thread-safe and a change is seen by the next read. The in-memory kind is
 * {@link dev.webhookkit.core.internal.InMemoryRegistry}; a shared store implements the same shape
 * and passes {@code RegistryContractTest} (webhook-testing).
 *
 * @param <T> the entry, which carries its own key
 */
public interface Registry<T> {

    /** Adds a new entry. @throws dev.webhookkit.core.AlreadyExistsException when its key is taken */
    void create(T entry);

    Optional<T> get(String key);

    /** Replaces the entry with the same key. @throws dev.webhookkit.core.NotFoundException when there is none */
    void update(T entry);

    /** Creates or replaces. */
    void put(T entry);

    /** @return true when an entry with that key was removed */
    boolean delete(String key);

    /** Every entry, in key order. */
    List<T> list();
}
