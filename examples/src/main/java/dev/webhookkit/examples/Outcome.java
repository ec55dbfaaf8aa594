package dev.webhookkit.examples;

import dev.webhookkit.core.Alert;
import dev.webhookkit.core.Reason;
import java.util.List;
import java.util.Objects;

/**
 * What one webhook of the demo came to.
 *
 * @param number the row number
 * @param sent what was sent, in a few words
 * @param httpStatus the status the sender got
 * @param reason the receiver's reason, from its event log
 * @param expected the reason the demo expects
 * @param alerts the normalized alerts the receiver recorded
 * @param message the message the endpoint's template rendered, "" when none
 */
public record Outcome(int number, String sent, int httpStatus, Reason reason, Reason expected, List<Alert> alerts, String message) {
    public Outcome {
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expected, "expected");
        alerts = List.copyOf(alerts);
        Objects.requireNonNull(message, "message");
    }

    /** Whether the receiver decided what the demo expects, with the status that reason stands for. */
    public boolean asExpected() {
        return reason == expected && httpStatus == expected.httpStatus();
    }
}
