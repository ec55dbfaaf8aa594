package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.spi.EventLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last N records in insertion order; a record for a known id replaces it in place. Records of
 * refused, unauthenticated requests ({@link Reason#isPreAuthentication()}) live in a second ring of
 * their own ({@link #DEFAULT_REJECTED_CAPACITY}), so a flood of forged requests evicts only its own
 * kind and never the verified history.
 */
public final class InMemoryEventLog implements EventLog {
    /** Records of refused requests kept, apart from the verified ones. */
    public static final int DEFAULT_REJECTED_CAPACITY = 200;

    private final int maxBodyBytes;
    private final Map<String, Entry> records;
    private final Map<String, Entry> rejected;
    private long sequence;

    private record Entry(long seq, EventRecord record) {
    }

    public InMemoryEventLog(int capacity, int maxBodyBytes) {
        this(capacity, maxBodyBytes, Math.min(capacity, DEFAULT_REJECTED_CAPACITY));
    }

    public InMemoryEventLog(int capacity, int maxBodyBytes, int rejectedCapacity) {
        if (capacity <= 0) {
            throw new ConfigurationException("event log capacity must be > 0 but was " + capacity);
        }
        if (maxBodyBytes < 0) {
            throw new ConfigurationException("event log maxBodyBytes must be >= 0 but was " + maxBodyBytes);
        }
        if (rejectedCapacity <= 0) {
            throw new ConfigurationException("event log rejectedCapacity must be > 0 but was " + rejectedCapacity);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.records = ring(capacity);
        this.rejected = ring(rejectedCapacity);
    }

    private static Map<String, Entry> ring(int capacity) {
        return new LinkedHashMap<>(Math.min(capacity, 4096) * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void record(EventRecord record) {
        EventRecord kept = record.truncatedTo(maxBodyBytes);
        synchronized (this) {
            Entry earlier = records.get(kept.eventId());
            if (earlier == null) {
                earlier = rejected.remove(kept.eventId());
            }
            Entry entry = new Entry(earlier != null ? earlier.seq() : ++sequence, kept);
            (kept.reason().isPreAuthentication() && !records.containsKey(kept.eventId()) ? rejected : records)
                    .put(kept.eventId(), entry);
        }
    }

    @Override
    public List<EventRecord> recent(int limit) {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(records.size() + rejected.size());
            all.addAll(records.values());
            all.addAll(rejected.values());
        }
        all.sort((a, b) -> Long.compare(b.seq(), a.seq()));
        List<EventRecord> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = 0; i < all.size() && out.size() < limit; i++) {
            out.add(all.get(i).record());
        }
        return out;
    }

    /** Both rings, filtered, in {@link EventCursor#NEWEST_FIRST} order: at most a few thousand records to sort. */
    @Override
    public Page<EventRecord> query(EventQuery query) {
        Objects.requireNonNull(query, "query");
        EventCursor after = query.cursor() == null ? null : EventCursor.decode(query.cursor());
        List<EventRecord> matching = new ArrayList<>();
        synchronized (this) {
            for (Map<String, Entry> ring : List.of(records, rejected)) {
                for (Entry e : ring.values()) {
                    if (query.matches(e.record()) && (after == null || after.precedes(e.record()))) {
                        matching.add(e.record());
                    }
                }
            }
        }
        matching.sort(EventCursor.NEWEST_FIRST);
        if (matching.size() <= query.limit()) {
            return Page.last(matching);
        }
        List<EventRecord> page = matching.subList(0, query.limit());
        return new Page<>(page, EventCursor.after(page.get(page.size() - 1)));
    }

    @Override
    public Optional<EventRecord> find(String eventId) {
        synchronized (this) {
            Entry e = records.get(eventId);
            if (e == null) {
                e = rejected.get(eventId);
            }
            return Optional.ofNullable(e).map(Entry::record);
        }
    }
}
