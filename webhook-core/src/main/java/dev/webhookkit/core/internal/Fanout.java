package dev.webhookkit.core.internal;

import dev.webhookkit.core.Registration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Listeners of one kind, told of something one after another: one that throws — an exception or
 * an {@link Error} such as an {@code AssertionError} — is logged and the others still hear, so a
 * buggy listener never kills the thread that tells it (a dispatcher worker). Only a
 * {@link VirtualMachineError} (out of memory …) goes on up. The single fan-out for record listeners (the receiver) and dispatch
 * listeners (the dispatcher). Thread-safe; adding and removing while telling is allowed.
 */
public final class Fanout<L> {
    private final List<L> listeners = new CopyOnWriteArrayList<>();
    private final Logger log;

    public Fanout(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Adds a listener; closing the registration removes it. */
    public Registration add(L listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    public int size() {
        return listeners.size();
    }

    /** Tells every listener; {@code about} names the occasion in the log line of one that throws. */
    public void tell(Consumer<L> call, String about) {
        for (L l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                log.warn("{}: listener {} failed: {}", about, l.getClass().getName(), e.toString());
            }
        }
    }
}
