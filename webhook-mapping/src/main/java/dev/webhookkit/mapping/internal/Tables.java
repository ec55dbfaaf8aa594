package dev.webhookkit.mapping.internal;

import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import java.util.Map;

/** Word tables several senders share; {@code Normalization} publishes the generic ones. */
public final class Tables {
    /** The generic status words (OpsKnight's, plus our own ids). */
    public static final Words<AlertStatus> GENERIC_STATUS = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "trigger", "triggered", "fired", "firing", "alert", "alerting", "critical", "error", "open",
                    "problem")
            .put(AlertStatus.RESOLVE, "resolve", "resolved", "ok", "normal", "closed", "fixed", "recovered")
            .put(AlertStatus.ACKNOWLEDGE, "acknowledge", "acknowledged", "ack")
            .build();

    /** The generic severity words (OpsKnight's, plus informational). */
    public static final Words<Severity> GENERIC_SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "critical", "high", "fatal", "p1")
            .put(Severity.ERROR, "error", "p2")
            .put(Severity.WARNING, "warning", "warn", "medium", "p3")
            .put(Severity.INFO, "info", "low", "p4", "p5", "informational")
            .build();

    /** Severity labels on Prometheus-style rules: the generic words plus page, major, minor and none. */
    public static final Words<Severity> LABEL_SEVERITY = GENERIC_SEVERITY.with(Map.of(
            "page", Severity.CRITICAL, "major", Severity.ERROR, "minor", Severity.WARNING, "none", Severity.INFO));

    /** P1..P5 priorities (Datadog, Opsgenie, PagerDuty incident priorities). */
    public static final Words<Severity> PRIORITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "p1")
            .put(Severity.ERROR, "p2")
            .put(Severity.WARNING, "p3")
            .put(Severity.INFO, "p4", "p5")
            .build();

    private Tables() {
    }
}
