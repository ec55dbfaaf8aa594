package dev.webhookkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedNamesTest {
    @Test
    void keepsAnOrdinaryName() {
        assertThat(LoggedNames.endpoint("github-prod_2.eu")).isEqualTo("github-prod_2.eu");
    }

    @Test
    void cutsAQueryPastedIntoThePath() {
        assertThat(LoggedNames.endpoint("github?secret=hunter2hunter2")).isEqualTo("github…").doesNotContain("hunter2");
    }

    @Test
    void cutsAtALineBreakSoNoLogLineCanBeForged() {
        assertThat(LoggedNames.endpoint("a\r\n2026-12-04 INFO admin logged in")).isEqualTo("a…");
    }

    @Test
    void capsTheLength() {
        assertThat(LoggedNames.endpoint("x".repeat(10_000))).hasSize(LoggedNames.MAX_CHARS + 1).endsWith("…");
    }

    @Test
    void showsAMissingName() {
        assertThat(LoggedNames.endpoint(null)).isEqualTo("-");
        assertThat(LoggedNames.endpoint("")).isEmpty();
    }
}
