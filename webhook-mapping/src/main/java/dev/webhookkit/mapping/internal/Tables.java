package dev.webhookkit.mapping.internal;

import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;

/** Word tables several senders share. */
public final class Tables {
    /** P1..P5 priorities (Datadog, Opsgenie, PagerDuty incident priorities). */
    public static final Words<Severity> PRIORITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "p1")
            .put(Severity.ERROR, "p2")
            .put(Severity.WARNING, "p3")
            .put(Severity.INFO, "p4", "p5")
            .build();

    /** The generic words plus "none" (the Prometheus convention for informational rules). */
    public static final Words<Severity> LABEL_SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "critical", "high", "fatal", "p1", "page")
            .put(Severity.ERROR, "error", "p2", "major")
            .put(Severity.WARNING, "warning", "warn", "medium", "p3", "minor")
            .put(Severity.INFO, "info", "low", "p4", "p5", "informational", "none")
            .build();

    /** The generic status words. */
    public static final Words<AlertStatus> GENERIC_STATUS = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "trigger", "triggered", "fired", "firing", "alert", "alerting", "critical", "error", "open",
                    "problem")
            .put(AlertStatus.RESOLVE, "resolve", "resolved", "ok", "normal", "closed", "fixed", "recovered")
            .put(AlertStatus.ACKNOWLEDGE, "acknowledge", "acknowledged", "ack")
            .build();

    /** The generic severity words. */
    public static final Words<Severity> GENERIC_SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "critical", "high", "fatal", "p1")
            .put(Severity.ERROR, "error", "p2")
            .put(Severity.WARNING, "warning", "warn", "medium", "p3")
            .put(Severity.INFO, "info", "low", "p4", "p5", "informational")
            .build();

    private Tables() {
    }
}
