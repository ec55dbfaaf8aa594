package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({
        "*, '', true",
        "'', '', true",
        "'', a, false",
        "a*, a, true",
        "*a, a, true",
        "a*a, a, false",        // prefix and suffix may not share the one 'a'
        "a*a, aa, true",
        "*.critical, .critical, true",
        "*.critical, critical, false",
        "a*b*c, abc, true",
        "a*b*c, aXbYc, true",
        "a*b*c, acb, false",
        "a*b*c, abcbc, true",
        "*ab*ab*, abab, true",
        "*ab*ab*, aba, false",
        "?*?, ab, true",
        "?*?, a, false",
        "a?c*, abcdef, true",
        "a?c*, acdef, false",
        "*x?z, axyzxqz, true",
        "*x?z, axyzq, false",
        "incident.*.resolved, incident.db.primary.resolved, true",
        "ÄRGER*, ärgerlich, true",
        "straße, STRASSE, false" // one character never matches two, as with the regex before
    })
    void matchesLikeTheRegularExpressionItReplaces(String glob, String subject, boolean expected) {
        assertThat(Glob.of(glob).matches(subject)).as("%s ~ %s", glob, subject).isEqualTo(expected);
    }

    @Test
    void questionMarkMatchesOneCharacterOutsideTheBasicPlane() {
        assertThat(Glob.of("a?b").matches("a\uD83D\uDE00b")).isTrue(); // one emoji, two chars
        assertThat(Glob.of("a??b").matches("a\uD83D\uDE00b")).isFalse();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void adversarialSubjectCostsAtMostSubjectTimesPatternComparisons() {
        String subject = "a".repeat(20_000);
        Glob glob = Glob.of("*a*a*a*a*b");
        Glob.Steps steps = new Glob.Steps();

        long started = System.nanoTime();
        boolean matched = glob.matches(subject, steps);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(matched).isFalse();
        assertThat(steps.count).isLessThanOrEqualTo((long) subject.length() * "*a*a*a*a*b".length());
        assertThat(tookMillis).as("milliseconds for a 20 KB subject").isLessThan(200);
    }

    @ParameterizedTest
    @CsvSource({
        // near misses for a long middle segment: every position is tried once, never again
        "*aaaaaaaac*b, 20000",
        // many stars whose last one fails: the regex backtracked over every split of the stars
        "*a*b*a*b*c*d, 20000"
    })
    void segmentsAreSearchedOnceEachNotRetried(String pattern, int length) {
        String subject = pattern.contains("c*d") ? "ab".repeat(length / 2) + "d" : "a".repeat(length) + "b";
        Glob glob = Glob.of(pattern);
        Glob.Steps steps = new Glob.Steps();

        assertThat(glob.matches(subject, steps)).isFalse();
        assertThat(steps.count).isGreaterThan(length / 2) // the search really ran through the subject
                .isLessThanOrEqualTo((long) subject.length() * pattern.length());
    }
}
