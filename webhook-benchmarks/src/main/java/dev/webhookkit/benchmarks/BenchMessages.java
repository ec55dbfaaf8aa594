package dev.webhookkit.benchmarks;

import dev.webhookkit.outbound.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** Batches of small pending {@code order.created} messages with ids new per run, for the outbox benchmarks. */
final class BenchMessages {
    private BenchMessages() {
    }

    /** {@code size} pending messages, the {@code i}-th for {@code subscriptionOf.apply(i)}, due now. */
    static List<OutboundMessage> batch(AtomicLong sequence, int size, IntFunction<String> subscriptionOf) {
        Instant now = Instant.now();
        List<OutboundMessage> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long n = sequence.incrementAndGet();
            batch.add(OutboundMessage.pending("m" + n, subscriptionOf.apply(i), "order.created", now,
                    ("{\"event\":\"order.created\",\"data\":{\"n\":" + n + "}}").getBytes(StandardCharsets.UTF_8)));
        }
        return batch;
    }
}
