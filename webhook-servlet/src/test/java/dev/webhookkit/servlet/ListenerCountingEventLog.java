package dev.webhookkit.servlet;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory event log with live listeners of its own (standing in for the receiver's, so a
 * record made on cue reaches them too), that tells how many listeners are registered right now
 * and can record one more event just before the next {@link #recent} snapshot (a race, on cue).
 */
public final class ListenerCountingEventLog implements EventLog {
    private final EventLog delegate = EventLog.inMemory();
    private final List<EventLogListener> live = new CopyOnWriteArrayList<>();
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
        live.forEach(l -> l.onRecord(record));
    }

    @Override
    public List<EventRecord> recent(int limit) {
        EventRecord raced = beforeNextSnapshot;
        if (raced != null) {
            beforeNextSnapshot = null;
            record(raced);
        }
        return delegate.recent(limit);
    }

    @Override
    public Optional<EventRecord> find(String eventId) {
        return delegate.find(eventId);
    }

    /** Subscribes a listener to the records written from now on. */
    public Registration subscribe(EventLogListener listener) {
        live.add(listener);
        Registration registration = () -> live.remove(listener);
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
