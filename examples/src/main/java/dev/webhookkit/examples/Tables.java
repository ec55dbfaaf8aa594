package dev.webhookkit.examples;

import dev.webhookkit.core.Alert;
import dev.webhookkit.outbound.DeliveryAttempt;
import java.util.List;

/** The demo's two tables as plain text. */
final class Tables {
    private static final String NONE = "-";

    private Tables() {
    }

    /** One line per alert (one per webhook without alerts): #, sent, HTTP status, reason, then the alert. */
    static String outcomes(List<Outcome> outcomes) {
        TextTable table = new TextTable("#", "sent", "HTTP", "reason", "alert", "severity", "title", "dedup key");
        for (Outcome o : outcomes) {
            if (o.alerts().isEmpty()) {
                table.row(o.number(), o.sent(), o.httpStatus(), o.reason(), NONE, NONE, NONE, NONE);
            }
            for (int i = 0; i < o.alerts().size(); i++) {
                Alert a = o.alerts().get(i);
                boolean first = i == 0;
                table.row(first ? o.number() : "", first ? o.sent() : "", first ? o.httpStatus() : "", first ? o.reason() : "",
                        a.status().id(), a.severity().id(), clip(a.title(), 50), clip(a.dedupKey().orElse(NONE), 32));
            }
        }
        return table.toString();
    }

    /** The rendered messages, one line per webhook that has one. */
    static String messages(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        outcomes.stream().filter(o -> !o.message().isEmpty())
                .forEach(o -> out.append(o.number()).append("  ").append(o.message()).append('\n'));
        return out.toString();
    }

    /** One line per attempt: message id, event type, attempt number, status code, outcome, latency. */
    static String deliveryLog(List<Delivery> deliveries) {
        TextTable table = new TextTable("message id", "event type", "attempt", "status", "outcome", "latency");
        for (Delivery d : deliveries) {
            for (DeliveryAttempt a : d.attempts()) {
                table.row(a.messageId(), d.message().eventType(), a.attemptNumber(), a.statusCode() == 0 ? NONE : a.statusCode(),
                        a.outcome().id(), a.latency().toMillis() + " ms");
            }
        }
        return table.toString();
    }

    /** Long cells would make the table wrap in a terminal. */
    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
