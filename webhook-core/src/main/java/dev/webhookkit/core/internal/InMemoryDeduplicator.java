package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.Deduplicator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keys are stored as 128-bit keyed hashes (two SipHash-2-4 runs with secret random keys) mapped
 * to their expiry, so memory per key is fixed whatever the key's length. Past {@code maxKeys} a
 * sweep drops expired keys, then — if still full — roughly the oldest-expiring tenth.
 */
public final class InMemoryDeduplicator implements Deduplicator {
    private static final int SAMPLE = 1024;

    private final int maxKeys;
    private final Clock clock;
    private final SipHash high;
    private final SipHash low;
    private final ConcurrentHashMap<Key, Long> expiries;
    private final ReentrantLock sweeping = new ReentrantLock();

    public InMemoryDeduplicator(int maxKeys, Clock clock) {
        if (maxKeys <= 0) {
            throw new ConfigurationException("maxKeys must be > 0 but was " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        this.high = new SipHash(random.nextLong(), random.nextLong());
        this.low = new SipHash(random.nextLong(), random.nextLong());
        this.expiries = new ConcurrentHashMap<>(Math.min(maxKeys, 1 << 16));
    }

    @Override
    public boolean markFirstSeen(String key, Duration window) {
        long now = clock.millis();
        long expiry = now + window.toMillis();
        Key k = new Key(high.hash(key), low.hash(key));
        Long previous = expiries.putIfAbsent(k, expiry);
        if (previous == null) {
            if (expiries.size() > maxKeys) {
                sweep(now);
            }
            return true;
        }
        // A key whose window ended counts as new; replace() lets exactly one racing thread win.
        return previous <= now && expiries.replace(k, previous, expiry);
    }

    @Override
    public void forget(String key) {
        expiries.remove(new Key(high.hash(key), low.hash(key)));
    }

    /** Number of keys held, expired or not. */
    public int size() {
        return expiries.size();
    }

    private void sweep(long now) {
        if (!sweeping.tryLock()) {
            return; // another thread is sweeping; the map overshoots by at most a few entries meanwhile
        }
        try {
            expiries.values().removeIf(expiry -> expiry <= now);
            if (expiries.size() > maxKeys) {
                long threshold = tenthPercentileExpiry();
                int target = maxKeys - maxKeys / 10;
                Iterator<Map.Entry<Key, Long>> it = expiries.entrySet().iterator();
                while (it.hasNext() && expiries.size() > target) {
                    if (it.next().getValue() <= threshold) {
                        it.remove();
                    }
                }
                it = expiries.entrySet().iterator();
                while (it.hasNext() && expiries.size() > target) {
                    it.next();
                    it.remove();
                }
            }
        } finally {
            sweeping.unlock();
        }
    }

    private long tenthPercentileExpiry() {
        long[] sample = new long[SAMPLE];
        int n = 0;
        int stride = Math.max(1, expiries.size() / SAMPLE);
        int i = 0;
        for (Long e : expiries.values()) {
            if (i++ % stride == 0 && n < SAMPLE) {
                sample[n++] = e;
            }
        }
        Arrays.sort(sample, 0, n);
        return n == 0 ? Long.MIN_VALUE : sample[n / 10];
    }

    private record Key(long high, long low) {
    }
}
