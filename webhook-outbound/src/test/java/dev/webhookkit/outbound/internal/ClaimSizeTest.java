package dev.webhookkit.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimSizeTest {

    @Test
    void fullClaimsDoubleTheSizeUpToEightTimesTheConfiguredBatch() {
        ClaimSize size = new ClaimSize(10);
        for (int expected : new int[] {20, 40, 80, 80}) {
            size.claimed(size.next(), size.next(), size.next());
            assertThat(size.next()).isEqualTo(expected);
        }
    }

    @Test
    void shortClaimsHalveItDownToTheConfiguredBatch() {
        ClaimSize size = new ClaimSize(10);
        size.claimed(10, 10, 10);
        size.claimed(20, 20, 20);
        assertThat(size.next()).isEqualTo(40);

        size.claimed(40, 7, 7);
        assertThat(size.next()).isEqualTo(20);
        size.claimed(20, 0, 0);
        size.claimed(10, 0, 0);
        assertThat(size.next()).isEqualTo(10);
    }

    @Test
    void aFullClaimWhoseMessagesHadNoInFlightSlotShrinksIt() {
        ClaimSize size = new ClaimSize(2);
        size.claimed(2, 2, 2);
        assertThat(size.next()).isEqualTo(4);

        size.claimed(4, 4, 3);
        assertThat(size.next()).isEqualTo(2);
    }
}
