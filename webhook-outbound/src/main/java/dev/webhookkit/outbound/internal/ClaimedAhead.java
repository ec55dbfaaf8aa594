package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Messages one large claim brought in beyond the claiming worker's own batch, waiting for the
 * other workers: each worker still holds at most its configured batch, so a slow endpoint delays
 * no message claimed along with its own. A message is handed out only while its lease has room
 * for its attempt and those before it in the worker's batch (their request and connect timeouts);
 * the rest is returned as expired, for the store to hand out again under a new lease. Thread-safe.
 */
final class ClaimedAhead {
    private final ArrayDeque<OutboundMessage> waiting = new ArrayDeque<>();
    private final Function<OutboundMessage, Duration> attemptBound;

    /** @param attemptBound how long one attempt of a message can take at most (its subscription's timeouts) */
    ClaimedAhead(Function<OutboundMessage, Duration> attemptBound) {
        this.attemptBound = attemptBound;
    }

    synchronized void add(List<OutboundMessage> messages) {
        waiting.addAll(messages);
    }

    /**
     * Up to {@code limit} waiting messages for one worker, in claim order.
     *
     * @param expired receives the messages whose lease has no room left
     */
    synchronized List<OutboundMessage> take(int limit, Instant now, List<OutboundMessage> expired) {
        List<OutboundMessage> portion = new ArrayList<>(Math.min(limit, waiting.size()));
        Instant ready = now;
        while (portion.size() < limit && !waiting.isEmpty()) {
            OutboundMessage m = waiting.poll();
            Instant finished = ready.plus(attemptBound.apply(m));
            if (finished.isAfter(Claimer.leaseOf(m).until())) {
                expired.add(m);
            } else {
                portion.add(m);
                ready = finished;
            }
        }
        return portion;
    }

    /** Empties the buffer (the dispatcher stops). */
    synchronized List<OutboundMessage> drain() {
        List<OutboundMessage> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }
}
