package dev.webhookkit.examples;

import java.util.List;

/**
 * The demo's results.
 *
 * @param outcomes one row per webhook sent, in order
 * @param deliveries the dispatcher's delivery log for the published events
 * @param forwardVerdicts what the second receiver said of each forward's signature ({@code verified} or {@code refused: …})
 * @param slackBodies the JSON bodies the fake Slack got
 */
public record DemoReport(List<Outcome> outcomes, List<Delivery> deliveries, List<String> forwardVerdicts, List<String> slackBodies) {
    public DemoReport {
        outcomes = List.copyOf(outcomes);
        deliveries = List.copyOf(deliveries);
        forwardVerdicts = List.copyOf(forwardVerdicts);
        slackBodies = List.copyOf(slackBodies);
    }

    /** The rows whose outcome differs from the expected one. */
    public List<Outcome> unexpected() {
        return outcomes.stream().filter(o -> !o.asExpected()).toList();
    }
}
