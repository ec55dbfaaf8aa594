package dev.webhookkit.outbound.spi;

import dev.webhookkit.core.Headers;

/**
 * Headers taken on the publishing thread when a message is stored, and stored with it: the trace
 * context of the publishing span ({@code traceparent}, {@code tracestate}), so that every attempt,
 * on any instance and after any restart, carries the context the event was published in.
 * webhook-micrometer supplies one. Called once per {@code publish} or {@code enqueue}; it must be
 * quick, thread-safe and must not throw (what it throws is logged and the message stored without).
 * The headers go through the same checks as {@code enqueue}'s: when one is reserved or malformed, none is stored.
 */
@FunctionalInterface
public interface PublishHeaders {

    /** Adds nothing. */
    PublishHeaders NONE = Headers::empty;

    /** The headers to store with the message(s) being published now; empty for none. */
    Headers capture();
}
