package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Registry} promises (endpoints, subscriptions, your own): each implementation's
 * test extends this with a fresh registry and a way to make entries.
 *
 * @param <T> the entry type
 */
public abstract class RegistryContractTest<T> {
    protected Registry<T> registry;

    /** An empty registry. */
    protected abstract Registry<T> create();

    /** An entry with key {@code key}; entries of one key but another {@code variant} differ. */
    protected abstract T entry(String key, int variant);

    /** What the registry calls its entries in errors ("endpoint"). */
    protected abstract String kind();

    @BeforeEach
    void createRegistry() {
        registry = create();
    }

    @Test
    void aCreatedEntryIsFoundByItsKey() {
        T a = entry("a", 1);
        registry.create(a);
        assertThat(registry.get("a")).contains(a);
        assertThat(registry.get("b")).isEmpty();
    }

    @Test
    void creatingATakenKeyIsAConflictNamingKindAndKeyAndChangesNothing() {
        T first = entry("a", 1);
        registry.create(first);
        assertThatThrownBy(() -> registry.create(entry("a", 2)))
                .isInstanceOf(AlreadyExistsException.class).hasMessage(kind() + " 'a' already exists");
        assertThat(registry.get("a")).contains(first);
    }

    @Test
    void updateReplacesAndIsNotFoundForAMissingKey() {
        registry.create(entry("a", 1));
        T changed = entry("a", 2);
        registry.update(changed);
        assertThat(registry.get("a")).contains(changed);
        assertThatThrownBy(() -> registry.update(entry("missing", 1)))
                .isInstanceOf(NotFoundException.class).hasMessage(kind() + " 'missing' does not exist");
        assertThat(registry.get("missing")).isEmpty();
    }

    @Test
    void putCreatesOrReplaces() {
        registry.put(entry("a", 1));
        T changed = entry("a", 2);
        registry.put(changed);
        assertThat(registry.get("a")).contains(changed);
        assertThat(registry.list()).hasSize(1);
    }

    @Test
    void deleteSaysWhetherItRemovedSomething() {
        registry.create(entry("a", 1));
        assertThat(registry.delete("a")).isTrue();
        assertThat(registry.delete("a")).isFalse();
        assertThat(registry.get("a")).isEmpty();
    }

    @Test
    void listIsInKeyOrder() {
        registry.create(entry("c", 1));
        registry.create(entry("a", 1));
        registry.create(entry("b", 1));
        assertThat(registry.list()).containsExactly(entry("a", 1), entry("b", 1), entry("c", 1));
    }

    @Test
    void ofManyConcurrentCreatesOfOneKeyExactlyOneWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int variant = t;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        registry.create(entry("contested", variant));
                        return true;
                    } catch (AlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
