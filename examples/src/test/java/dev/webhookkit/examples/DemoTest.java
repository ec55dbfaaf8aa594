package dev.webhookkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Severity;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the README demo's scenario in-process, so CI notices when the demo stops working. */
@Timeout(60)
class DemoTest {
    private static DemoReport report;

    @BeforeAll
    static void runDemo() throws Exception {
        report = DemoScenario.run();
    }

    @Test
    void everyWebhookComesToItsReasonAndStatus() {
        assertThat(report.outcomes())
                .extracting(Outcome::number, Outcome::httpStatus, Outcome::reason)
                .containsExactly(
                        tuple(1, 200, Reason.PROCESSED),
                        tuple(2, 200, Reason.PROCESSED),
                        tuple(3, 202, Reason.FILTERED),
                        tuple(4, 200, Reason.PROCESSED),
                        tuple(5, 200, Reason.DUPLICATE),
                        tuple(6, 401, Reason.SIGNATURE_MISMATCH),
                        tuple(7, 200, Reason.PROCESSED),
                        tuple(8, 200, Reason.PROCESSED));
        assertThat(report.unexpected()).isEmpty();
    }

    @Test
    void resolveCarriesTheFiringAlertsDedupKey() {
        Alert firing = onlyAlert(1);
        Alert resolved = onlyAlert(2);
        assertThat(firing.status()).isEqualTo(AlertStatus.TRIGGER);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVE);
        assertThat(resolved.dedupKey()).isPresent().isEqualTo(firing.dedupKey());
    }

    @Test
    void genericEndpointRendersItsTemplateForHandledEventsOnly() {
        assertThat(outcome(1).message()).isEqualTo("[critical] Checkout latency above 2 s (trigger)");
        assertThat(outcome(2).message()).isEqualTo("[critical] Checkout latency above 2 s (resolve)");
        assertThat(outcome(3).message()).as("filtered before rendering").isEmpty();
        assertThat(Tables.messages(report.outcomes())).startsWith("1  [critical] Checkout latency above 2 s (trigger)\n");
    }

    @Test
    void infoAlertIsMappedThenFiltered() {
        assertThat(onlyAlert(3).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void rejectedAndDuplicateDeliveriesCarryNoAlerts() {
        assertThat(outcome(5).alerts()).isEmpty();
        assertThat(outcome(6).alerts()).isEmpty();
    }

    @Test
    void alertmanagerPayloadBecomesTwoAlerts() {
        assertThat(outcome(7).alerts())
                .extracting(Alert::status, Alert::severity, Alert::source)
                .containsExactly(
                        tuple(AlertStatus.TRIGGER, Severity.CRITICAL, "alertmanager"),
                        tuple(AlertStatus.RESOLVE, Severity.WARNING, "alertmanager"));
    }

    @Test
    void githubPushBecomesAnInformationalAlert() {
        Alert push = onlyAlert(8);
        assertThat(push.source()).isEqualTo("github");
        assertThat(push.severity()).isEqualTo(Severity.INFO);
        assertThat(push.title()).contains("acme/storefront");
    }

    @Test
    void deliveryLogShowsOneSuccessfulAttemptPerPublishedEvent() {
        assertThat(report.deliveries()).hasSize(3).allSatisfy(d -> {
            assertThat(d.message().status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(d.attempts()).singleElement().satisfies(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.SUCCESS));
        });
        assertThat(report.deliveries())
                .extracting(d -> d.message().eventType(), d -> d.lastAttempt().statusCode())
                .containsExactly(tuple("alert.firing", 200), tuple("alert.resolved", 200), tuple("alert.firing", 202));
    }

    @Test
    void tablePrintsEveryRowWithItsReason() {
        String table = Tables.outcomes(report.outcomes());
        assertThat(table.lines().filter(l -> l.matches("\\d+ .*"))).hasSize(8);
        assertThat(table).containsPattern("(?m)^3 .* 202 +FILTERED ")
                .containsPattern("(?m)^5 .* 200 +DUPLICATE ")
                .containsPattern("(?m)^6 .* 401 +SIGNATURE_MISMATCH ");
    }

    @Test
    void everyHandledGenericEventIsForwardedAndTheSecondReceiverVerifiesItsSignature() {
        assertThat(report.forwardVerdicts()).hasSize(DemoScenario.HANDLED_GENERIC_EVENTS).containsOnly("verified");
    }

    @Test
    void everyHandledGenericEventReachesTheFakeSlackInSlacksFormat() throws Exception {
        assertThat(report.slackBodies()).hasSize(DemoScenario.HANDLED_GENERIC_EVENTS);
        for (String body : report.slackBodies()) {
            JsonNode json = new ObjectMapper().readTree(body);
            assertThat(json.path("text").asText()).isNotBlank();
            assertThat(json.path("blocks").isArray()).as("blocks in %s", body).isTrue();
            assertThat(json.path("blocks")).isNotEmpty();
        }
        assertThat(report.slackBodies()).anySatisfy(b -> assertThat(new ObjectMapper().readTree(b).path("text").asText())
                .contains("Payment errors above 5 %"));
    }

    private static Outcome outcome(int number) {
        return report.outcomes().stream().filter(o -> o.number() == number).findFirst().orElseThrow();
    }

    private static Alert onlyAlert(int number) {
        assertThat(outcome(number).alerts()).as("alerts of row %d", number).hasSize(1);
        return outcome(number).alerts().get(0);
    }
}
