package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last N records in insertion order; a record for a known id replaces it in place. */
public final class InMemoryEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEventLog.class);

    private final int maxBodyBytes;
    private final Map<String, EventRecord> records;
    private final List<EventLogListener> listeners = new CopyOnWriteArrayList<>();

    public InMemoryEventLog(int capacity, int maxBodyBytes) {
        if (capacity <= 0) {
            throw new ConfigurationException("event log capacity must be > 0 but was " + capacity);
        }
        if (maxBodyBytes < 0) {
            throw new ConfigurationException("event log maxBodyBytes must be >= 0 but was " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.records = new LinkedHashMap<>(Math.min(capacity, 4096) * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EventRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void record(EventRecord record) {
        EventRecord kept = record.truncatedTo(maxBodyBytes);
        synchronized (records) {
            records.put(kept.eventId(), kept);
        }
        for (EventLogListener l : listeners) {
            try {
                l.onRecord(kept);
            } catch (RuntimeException e) {
                LOG.warn("event {}: event log listener {} failed: {}", kept.eventId(), l.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public List<EventRecord> recent(int limit) {
        List<EventRecord> all;
        synchronized (records) {
            all = new ArrayList<>(records.values());
        }
        List<EventRecord> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(all.get(i));
        }
        return out;
    }

    @Override
    public Optional<EventRecord> find(String eventId) {
        synchronized (records) {
            return Optional.ofNullable(records.get(eventId));
        }
    }

    @Override
    public Registration addListener(EventLogListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }
}
