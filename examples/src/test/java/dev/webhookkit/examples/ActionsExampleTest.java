package dev.webhookkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The docs/actions.md example runs as documented: route → notify + forward, and run. */
class ActionsExampleTest {

    @Test
    void routesTheAgentAndRecordsEachActionsOutcome() throws Exception {
        try (ActionsExample example = new ActionsExample()) {
            ReceiveResult db = example.send("db-primary", "disk full");
            ReceiveResult web = example.send("web", "hello");

            assertThat(db.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(example.notified()).containsExactly("disk full");
            assertThat(example.outcomes(db.eventId())).hasSize(3)
                    .satisfies(l -> assertThat(l.get(0)).isEqualTo("agents ok — route db-agents → escalate"))
                    .satisfies(l -> assertThat(l.get(1)).isEqualTo("notify ok"))
                    .satisfies(l -> assertThat(l.get(2)).startsWith("to-db-team ok — queued msg_"));
            assertThat(web.response().bodyAsString()).isEqualTo("{\"success\":true,\"agent\":\"web\"}");
            assertThat(example.outcomes(web.eventId())).containsExactly("agents ok — no route matched; default → answer",
                    "run:answer ok — done, answered 30 bytes");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (example.forwarded().isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(example.forwarded()).singleElement().satisfies(b ->
                    assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"agent\":\"db-primary\",\"message\":\"disk full\",\"context\":{}}"));
        }
    }
}
