package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void idsArePrefixedBase32AndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = MessageIds.next();
            assertThat(id).matches("msg_[0-9a-hjkmnp-tv-z]{26}");
            seen.add(id);
        }
        assertThat(seen).hasSize(100_000);
    }
}
