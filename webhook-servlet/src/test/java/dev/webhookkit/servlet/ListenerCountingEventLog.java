package dev.webhookkit.servlet;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory event log that also tells how many listeners are registered right now, and can
 * record one more event just before the next {@link #recent} snapshot (a race, on cue).
 */
public final class ListenerCountingEventLog implements EventLog {
    private final EventLog delegate = EventLog.inMemory();
    private final AtomicInteger listeners = new AtomicInteger();
    private volatile EventRecord beforeNextSnapshot;

    public int listenerCount() {
        return listeners.get();
    }

    /** Records {@code record} when {@link #recent} is next called, before taking the snapshot. */
    public void recordBeforeNextSnapshot(EventRecord record) {
        beforeNextSnapshot = record;
    }

    @Override
    public void record(EventRecord record) {
        delegate.record(record);
    }

    @Override
    public List<EventRecord> recent(int limit) {
        EventRecord raced = beforeNextSnapshot;
        if (raced != null) {
            beforeNextSnapshot = null;
            delegate.record(raced);
        }
        return delegate.recent(limit);
    }

    @Override
    public Optional<EventRecord> find(String eventId) {
        return delegate.find(eventId);
    }

    @Override
    public Registration addListener(EventLogListener listener) {
        Registration registration = delegate.addListener(listener);
        listeners.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                registration.close();
                listeners.decrementAndGet();
            }
        };
    }
}
