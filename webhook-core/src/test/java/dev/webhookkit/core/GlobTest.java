package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starAndQuestionMarkAreTheOnlyWildcards() {
        assertThat(Glob.of("incident.*").matches("incident.created")).isTrue();
        assertThat(Glob.of("incident.*").matches("incidentXcreated")).isFalse(); // '.' is literal
        assertThat(Glob.of("v?").matches("v1")).isTrue();
        assertThat(Glob.of("v?").matches("v12")).isFalse();
        assertThat(Glob.of("a+b(c)").matches("a+b(c)")).isTrue();
        assertThat(Glob.of("a+b(c)").matches("aab(c)")).isFalse();
    }

    @Test
    void matchingIgnoresCaseAndSurroundingSpace() {
        assertThat(Glob.of(" *.CRITICAL ").matches("disk.critical")).isTrue();
        assertThat(Glob.of("*").matchesEverything()).isTrue();
        assertThat(Glob.of("**").matchesEverything()).isFalse();
        assertThat(Glob.of("**").matches("anything")).isTrue();
    }
}
