package dev.webhookkit.actions;

import static dev.webhookkit.actions.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.spi.EventHandler;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Run (named tasks, unknown ones refused at build) and sequences (every step's outcome, in order). */
class RunAndSequenceTest {
    private final AtomicInteger tickets = new AtomicInteger();
    private final TaskRegistry tasks = TaskRegistry.builder()
            .task("open-ticket", e -> HandlerResponse.json("{\"ticket\":" + tickets.incrementAndGet() + "}"))
            .task("fail", e -> {
                throw new java.io.IOException("tool exited 2");
            })
            .build();

    @Test
    void anUnknownTaskIsRefusedWhenTheActionIsBuilt() {
        assertThatThrownBy(() -> Actions.run(tasks, "open-tiket"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("no task 'open-tiket' in the task registry (known: [fail, open-ticket])");
        assertThat(tickets).hasValue(0);
    }

    @Test
    void aTaskRunsAndAnswersAndItsOutcomeNamesIt() throws Exception {
        HandlerResponse r = Actions.run(tasks, "open-ticket").handle(event("x", "{}"));

        assertThat(tickets).hasValue(1);
        assertThat(r.bodyAsString()).isEqualTo("{\"ticket\":1}");
        assertThat(r.actions()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("run:open-ticket");
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.OK);
            assertThat(o.detail()).isEqualTo("done, answered 12 bytes");
        });
    }

    @Test
    void aFailingTaskIsAFailedOutcomeNotAFailedEvent() throws Exception {
        HandlerResponse r = Actions.run(tasks, "fail").handle(event("x", "{}"));

        assertThat(r.actions()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.FAILED);
            assertThat(o.detail()).isEqualTo("IOException: tool exited 2");
        });
    }

    @Test
    void tasksNeedUniquePlainNames() {
        assertThatThrownBy(() -> TaskRegistry.builder().task("a", e -> HandlerResponse.empty()).task("a", e -> HandlerResponse.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessage("task 'a' is registered twice");
        assertThatThrownBy(() -> TaskRegistry.builder().task("rm -rf", e -> HandlerResponse.empty()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("task name must be 1 to 64 letters");
    }

    @Test
    void aSequenceRunsEveryStepInOrderKeepsEachOutcomeAndAnswersWithTheLastBody() throws Exception {
        EventHandler plain = e -> HandlerResponse.empty();
        EventHandler seq = Actions.sequence("escalate", Actions.run(tasks, "open-ticket"), Actions.run(tasks, "fail"), plain,
                Actions.named("audit", e -> HandlerResponse.text("audited")));

        HandlerResponse r = seq.handle(event("x", "{}"));

        assertThat(r.actions()).extracting(ActionOutcome::name).containsExactly("run:open-ticket", "run:fail", "escalate[3]", "audit");
        assertThat(r.actions()).extracting(ActionOutcome::status).containsExactly(ActionOutcome.Status.OK, ActionOutcome.Status.FAILED,
                ActionOutcome.Status.OK, ActionOutcome.Status.OK);
        assertThat(r.bodyAsString()).isEqualTo("audited");
        assertThatThrownBy(() -> Actions.sequence("empty")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void coreChainKeepsTheOutcomesOfEveryHandler() throws Exception {
        HandlerResponse r = EventHandler.chain(Actions.run(tasks, "open-ticket"), Actions.named("quiet", e -> HandlerResponse.empty()))
                .handle(event("x", "{}"));

        assertThat(r.actions()).extracting(ActionOutcome::name).containsExactly("run:open-ticket", "quiet");
        assertThat(r.bodyAsString()).isEqualTo("{\"ticket\":1}");
    }
}
