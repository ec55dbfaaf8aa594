package dev.webhookkit.mapping;

import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.mapping.internal.Tables;
import java.util.Optional;

/**
 * The generic status and severity tables (OpsKnight's), case-insensitive. The generic
 * {@code webhook} mapper uses them, several provider mappers fall back on them, and custom mappers
 * may too. Thread-safe.
 *
 * <table>
 *   <caption>Status words</caption>
 *   <tr><th>status</th><th>words</th></tr>
 *   <tr><td>trigger</td><td>trigger, triggered, fired, firing, alert, alerting, critical, error, open, problem</td></tr>
 *   <tr><td>resolve</td><td>resolve, resolved, ok, normal, closed, fixed, recovered</td></tr>
 *   <tr><td>acknowledge</td><td>acknowledge, acknowledged, ack</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Severity words</caption>
 *   <tr><th>severity</th><th>words</th></tr>
 *   <tr><td>critical</td><td>critical, high, fatal, p1</td></tr>
 *   <tr><td>error</td><td>error, p2</td></tr>
 *   <tr><td>warning</td><td>warning, warn, medium, p3</td></tr>
 *   <tr><td>info</td><td>info, low, p4, p5, informational</td></tr>
 * </table>
 */
public final class Normalization {
    private Normalization() {
    }

    /** The status a word stands for, empty for null or unknown words. */
    public static Optional<AlertStatus> status(String word) {
        return Tables.GENERIC_STATUS.get(word);
    }

    /** The severity a word stands for, empty for null or unknown words. */
    public static Optional<Severity> severity(String word) {
        return Tables.GENERIC_SEVERITY.get(word);
    }
}
