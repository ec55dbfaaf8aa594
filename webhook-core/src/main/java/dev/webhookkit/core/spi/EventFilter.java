package dev.webhookkit.core.spi;

import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.internal.AcceptAllFilter;
import dev.webhookkit.core.internal.GlobFilter;
import java.util.List;

/**
 * Decides whether an event is handled; one that is not is answered 202 FILTERED and recorded.
 * Runs after mapping, so filters can match alerts' severity. Thread-safe.
 */
@FunctionalInterface
public interface EventFilter {

    boolean accepts(WebhookEvent event);

    /**
     * Accepts everything: always the same instance (a named singleton, {@code toString()} "all"), so
     * code may recognise "no filter" by comparing with it — the admin codec stores such endpoints.
     */
    static EventFilter all() {
        return AcceptAllFilter.INSTANCE;
    }

    /**
     * Include/exclude glob patterns ({@code *} any run of characters, {@code ?} one character,
     * case-insensitive) matched against the event's <em>subjects</em>: the event type, and for each
     * alert {@code <eventType>.<severity>} and {@code <eventType>.<status>} (with no event type, the
     * alert's source stands in: {@code alertmanager.critical}). An event passes when no include pattern is given
     * or one matches a subject, and no exclude pattern matches any subject.
     * Example: include {@code *.critical}, exclude {@code test.*}.
     */
    static EventFilter globs(List<String> include, List<String> exclude) {
        return new GlobFilter(include, exclude);
    }

    /** Both filters must accept. */
    default EventFilter and(EventFilter other) {
        return event -> accepts(event) && other.accepts(event);
    }
}
