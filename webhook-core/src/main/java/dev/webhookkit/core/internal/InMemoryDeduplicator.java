package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.DeliveryClaim;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Delivery keys as 128-bit keyed hashes (two SipHash-2-4 runs with secret random keys), held in
 * 64 segments. Each segment keeps its keys in insertion order in a ring of primitive arrays with an
 * open-addressing index over it, so a look-up touches about two cache lines, allocates nothing, and
 * memory is fixed per key (about 34 bytes) whatever the key's length. Each segment holds its share
 * of {@code maxKeys} plus a few percent of slack for uneven hashing; when a segment is full its
 * oldest key is forgotten first: a very late duplicate may then be processed again, rather than
 * memory growing without end. Segments start small and grow as keys arrive.
 *
 * <p>A key's third slot says where it stands: a value {@code >= 0} is "done until" that instant, a
 * negative value is "being processed, lease ends at minus that", and {@code Long.MIN_VALUE} is
 * "forgotten". A claim's lease end is its token: it settles the key only while the key still
 * holds that lease, so a claim whose lease ran out cannot undo the claim that took over.
 */
public final class InMemoryDeduplicator implements Deduplicator {
    private static final int SEGMENTS = 64;
    private static final int INITIAL_SEGMENT_CAPACITY = 64;
    /** What {@link Segment#claim} found, when it is not the milliseconds left on another claim's lease. */
    private static final long CLAIMED = 0;
    private static final long DONE = -1;

    private final Clock clock;
    private final long leaseMillis;
    private final SipHash high;
    private final SipHash low;
    private final Segment[] segments = new Segment[SEGMENTS];

    public InMemoryDeduplicator(int maxKeys, Clock clock, Duration processingLease) {
        if (maxKeys <= 0) {
            throw new ConfigurationException("maxKeys must be > 0 but was " + maxKeys);
        }
        if (processingLease.toMillis() <= 0) {
            throw new ConfigurationException("processingLease must be at least 1 ms but was " + processingLease);
        }
        this.clock = clock;
        this.leaseMillis = processingLease.toMillis();
        SecureRandom random = new SecureRandom();
        this.high = new SipHash(random.nextLong(), random.nextLong());
        this.low = new SipHash(random.nextLong(), random.nextLong());
        // Keys spread over segments by hash, so segments fill unevenly: five standard deviations of
        // slack let the whole map hold maxKeys keys before any segment forgets its oldest.
        double mean = (double) maxKeys / SEGMENTS;
        int perSegment = (int) Math.ceil(mean + 5 * Math.sqrt(mean));
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(perSegment);
        }
    }

    @Override
    public DeliveryClaim claim(String key, Duration window) {
        long now = clock.millis();
        long hi = high.hash(key);
        long lo = low.hash(key);
        Segment segment = segmentOf(hi);
        long leaseEnd = now + leaseMillis;
        long busyFor = segment.claim(hi, lo, now, leaseEnd);
        if (busyFor == CLAIMED) {
            // Saturating: a window of centuries (another Deduplicator's caller need not cap it) means "for ever", not an overflow.
            long windowMillis = window.compareTo(Duration.ofDays(100L * 365)) > 0 ? Long.MAX_VALUE / 4 : window.toMillis();
            return DeliveryClaim.fresh(() -> segment.commit(hi, lo, leaseEnd, clock.millis() + windowMillis),
                    () -> segment.release(hi, lo, leaseEnd));
        }
        return busyFor == DONE ? DeliveryClaim.duplicate() : DeliveryClaim.inProgress(Duration.ofMillis(busyFor));
    }

    /** Number of keys held, expired or not. */
    public int size() {
        int n = 0;
        for (Segment s : segments) {
            n += s.size();
        }
        return n;
    }

    private Segment segmentOf(long hi) {
        return segments[(int) (hi >>> 58)]; // top 6 bits: 64 segments
    }

    /**
     * Keys of one segment: {@code ring} holds (high, low, expiry) triples in insertion order; the
     * index maps a key's home slot (from its low hash) to ring position + 1, 0 meaning empty,
     * with linear probing and backward-shift deletion.
     */
    private static final class Segment {
        private static final long FORGOTTEN = Long.MIN_VALUE;

        private final int maxCapacity;
        private long[] ring;
        private int[] index;
        private int capacity;
        private int size;
        private int head; // once the ring is full: the oldest entry, overwritten next

        Segment(int maxCapacity) {
            this.maxCapacity = maxCapacity;
            allocate(Math.min(maxCapacity, INITIAL_SEGMENT_CAPACITY));
        }

        synchronized int size() {
            return size;
        }

        /** CLAIMED, DONE, or the milliseconds left on another claim's lease. */
        synchronized long claim(long hi, long lo, long now, long leaseEnd) {
            int pos = find(hi, lo);
            if (pos >= 0) {
                long state = ring[pos * 3 + 2];
                if (state >= 0 && state > now) {
                    return DONE;
                }
                if (state < 0 && state != FORGOTTEN && -state > now) {
                    return -state - now;
                }
                ring[pos * 3 + 2] = -leaseEnd; // window or lease over, or forgotten: new again
                return CLAIMED;
            }
            insert(hi, lo, -leaseEnd);
            return CLAIMED;
        }

        synchronized void commit(long hi, long lo, long leaseEnd, long doneUntil) {
            int pos = find(hi, lo);
            if (pos < 0) {
                insert(hi, lo, doneUntil); // evicted while processing: remember it as done anyway
            } else if (ring[pos * 3 + 2] == -leaseEnd) {
                ring[pos * 3 + 2] = doneUntil;
            }
        }

        synchronized void release(long hi, long lo, long leaseEnd) {
            int pos = find(hi, lo);
            if (pos >= 0 && ring[pos * 3 + 2] == -leaseEnd) {
                ring[pos * 3 + 2] = FORGOTTEN;
            }
        }

        private void insert(long hi, long lo, long state) {
            int at;
            if (size < capacity) {
                at = size; // the ring has not wrapped yet
            } else if (capacity < maxCapacity) {
                grow();
                at = size;
            } else {
                evictOldest();
                at = head;
                head = (head + 1) % capacity;
            }
            ring[at * 3] = hi;
            ring[at * 3 + 1] = lo;
            ring[at * 3 + 2] = state;
            insertIndex(lo, at);
            size++;
        }

        private int find(long hi, long lo) {
            int mask = index.length - 1;
            for (int slot = home(lo, mask); ; slot = (slot + 1) & mask) {
                int entry = index[slot];
                if (entry == 0) {
                    return -1;
                }
                int pos = entry - 1;
                if (ring[pos * 3 + 1] == lo && ring[pos * 3] == hi) {
                    return pos;
                }
            }
        }

        private void insertIndex(long lo, int pos) {
            int mask = index.length - 1;
            int slot = home(lo, mask);
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = pos + 1;
        }

        /** Drops the oldest key: its index entry is removed and its ring position reused by the caller. */
        private void evictOldest() {
            int pos = head;
            int mask = index.length - 1;
            int slot = home(ring[pos * 3 + 1], mask);
            while (index[slot] != pos + 1) {
                slot = (slot + 1) & mask;
            }
            // Backward-shift deletion keeps every remaining key reachable from its home slot.
            int hole = slot;
            for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
                int nextHome = home(ring[(index[next] - 1) * 3 + 1], mask);
                boolean movable = hole <= next ? (nextHome <= hole || nextHome > next) : (nextHome <= hole && nextHome > next);
                if (movable) {
                    index[hole] = index[next];
                    hole = next;
                }
            }
            index[hole] = 0;
            size--;
        }

        private void grow() {
            allocate(Math.min(maxCapacity, capacity * 2));
        }

        /** (Re)builds the arrays at a new capacity; only ever called before the ring first wraps. */
        private void allocate(int newCapacity) {
            long[] old = ring;
            ring = new long[newCapacity * 3];
            if (old != null) {
                System.arraycopy(old, 0, ring, 0, size * 3);
            }
            index = new int[Integer.highestOneBit(Math.max(2, newCapacity * 2 - 1)) * 2];
            capacity = newCapacity;
            for (int pos = 0; pos < size; pos++) {
                insertIndex(ring[pos * 3 + 1], pos);
            }
        }

        private static int home(long lo, int mask) {
            return (int) (lo ^ (lo >>> 32)) & mask;
        }
    }
}
