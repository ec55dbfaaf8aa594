package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionOutcomeTest {

    @Test
    void aLongDetailIsCutToTheLimitWithAnEllipsis() {
        ActionOutcome o = ActionOutcome.failed("forward", "x".repeat(2_000), Duration.ZERO);
        assertThat(o.detail()).hasSize(ActionOutcome.MAX_DETAIL_CHARS).endsWith("…");
        assertThat(ActionOutcome.ok("a", "short", Duration.ZERO).detail()).isEqualTo("short");
    }

    @Test
    void statusIdsRoundTripAndUnknownOnesAreRefused() {
        for (ActionOutcome.Status s : ActionOutcome.Status.values()) {
            assertThat(ActionOutcome.Status.fromId(s.id())).isEqualTo(s);
        }
        assertThat(ActionOutcome.Status.SKIPPED.id()).isEqualTo("skipped");
        assertThatThrownBy(() -> ActionOutcome.Status.fromId("OK")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void handlerResponseCarriesOutcomesWithoutChangingItsBody() {
        HandlerResponse r = HandlerResponse.text("hi").withActions(List.of(ActionOutcome.ok("a", "", Duration.ZERO)));
        assertThat(r.bodyAsString()).isEqualTo("hi");
        assertThat(r.actions()).hasSize(1);
        assertThat(HandlerResponse.empty().withActions(List.of(ActionOutcome.ok("a", "", Duration.ZERO))).isEmpty()).isTrue();
        assertThat(r).isNotEqualTo(HandlerResponse.text("hi"));
        assertThat(new HandlerResponse("text/plain", new byte[0]).actions()).isEmpty();
    }

    @Test
    void loopDetectedIs508AndNotPreAuthentication() {
        assertThat(Reason.LOOP_DETECTED.httpStatus()).isEqualTo(508);
        assertThat(Reason.LOOP_DETECTED.isPreAuthentication()).isFalse();
        assertThat(Reason.LOOP_DETECTED.isSuccess()).isFalse();
    }
}
