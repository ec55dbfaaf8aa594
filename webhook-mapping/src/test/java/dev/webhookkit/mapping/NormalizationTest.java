package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "triggered, TRIGGER", "fired, TRIGGER", "firing, TRIGGER", "alert, TRIGGER", "alerting, TRIGGER", "critical, TRIGGER",
        "error, TRIGGER", "open, TRIGGER", "problem, TRIGGER", "trigger, TRIGGER",
        "resolved, RESOLVE", "ok, RESOLVE", "normal, RESOLVE", "closed, RESOLVE", "fixed, RESOLVE", "recovered, RESOLVE",
        "acknowledge, ACKNOWLEDGE", "acknowledged, ACKNOWLEDGE", "ack, ACKNOWLEDGE",
        "'  RESOLVED ', RESOLVE", "Firing, TRIGGER", "ACK, ACKNOWLEDGE"})
    void mapsEveryDocumentedStatusWordCaseInsensitively(String word, AlertStatus expected) {
        assertThat(Normalization.status(word)).contains(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "critical, CRITICAL", "high, CRITICAL", "fatal, CRITICAL", "p1, CRITICAL", "P1, CRITICAL",
        "error, ERROR", "p2, ERROR",
        "warning, WARNING", "warn, WARNING", "medium, WARNING", "p3, WARNING",
        "info, INFO", "low, INFO", "p4, INFO", "p5, INFO", "informational, INFO", "' Critical ', CRITICAL"})
    void mapsEveryDocumentedSeverityWordCaseInsensitively(String word, Severity expected) {
        assertThat(Normalization.severity(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "urgent", "sev1", "major", "paused", "unknown"})
    void leavesUnknownWordsUnmapped(String word) {
        assertThat(Normalization.severity(word)).isEmpty();
        assertThat(Normalization.status(word)).isEmpty();
    }

    @Test
    void leavesNullUnmapped() {
        assertThat(Normalization.severity(null)).isEmpty();
        assertThat(Normalization.status(null)).isEmpty();
    }
}
