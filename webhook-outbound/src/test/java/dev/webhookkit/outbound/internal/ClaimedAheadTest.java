package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.outbound.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimedAheadTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final ClaimedAhead ahead = new ClaimedAhead(m -> Duration.ofSeconds(10));

    @Test
    void handsOutAtMostOneWorkersBatchInClaimOrder() {
        ahead.add(List.of(leased("a", 60), leased("b", 60), leased("c", 60)));
        List<OutboundMessage> expired = new ArrayList<>();

        assertThat(ids(ahead.take(2, NOW, expired))).containsExactly("a", "b");
        assertThat(ids(ahead.take(2, NOW, expired))).containsExactly("c");
        assertThat(ahead.take(2, NOW, expired)).isEmpty();
        assertThat(expired).isEmpty();
    }

    @Test
    void aMessageWhoseLeaseEndsBeforeItsAttemptCouldIsReturnedAsExpired() {
        // 10 s per attempt: a fits (ends at 10 s), b would end at 20 s but its lease ends at 15 s, c fits after a (20 s).
        ahead.add(List.of(leased("a", 12), leased("b", 15), leased("c", 25)));
        List<OutboundMessage> expired = new ArrayList<>();

        assertThat(ids(ahead.take(3, NOW, expired))).containsExactly("a", "c");
        assertThat(ids(expired)).containsExactly("b");
    }

    @Test
    void drainEmptiesIt() {
        ahead.add(List.of(leased("a", 60)));
        assertThat(ids(ahead.drain())).containsExactly("a");
        assertThat(ahead.take(1, NOW, new ArrayList<>())).isEmpty();
    }

    private static OutboundMessage leased(String id, int leaseSeconds) {
        return OutboundMessage.pending(id, "s1", "order.created", NOW, "{}".getBytes(StandardCharsets.UTF_8)).toBuilder()
                .lease(new OutboundMessage.Lease("w1", NOW.plusSeconds(leaseSeconds), "token-" + id)).build();
    }

    private static List<String> ids(List<OutboundMessage> messages) {
        return messages.stream().map(OutboundMessage::id).toList();
    }
}
