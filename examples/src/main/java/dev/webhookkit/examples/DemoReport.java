package dev.webhookkit.examples;

import java.util.List;

/**
 * The demo's results.
 *
 * @param outcomes one row per webhook sent, in order
 * @param deliveries the dispatcher's delivery log for the published events
 */
public record DemoReport(List<Outcome> outcomes, List<Delivery> deliveries) {
    public DemoReport {
        outcomes = List.copyOf(outcomes);
        deliveries = List.copyOf(deliveries);
    }

    /** The rows whose outcome differs from the expected one. */
    public List<Outcome> unexpected() {
        return outcomes.stream().filter(o -> !o.asExpected()).toList();
    }
}
