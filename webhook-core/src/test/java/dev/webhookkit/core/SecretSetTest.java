package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretSetTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void rotationKeepsOldSecretForTheGracePeriod() {
        SecretSet before = SecretSet.of(Secret.of("k1", "old-secret"));
        SecretSet after = before.rotate(Secret.of("k2", "new-secret"), Duration.ofHours(24), NOW);

        assertThat(after.primary(NOW)).map(Secret::id).contains("k2");
        assertThat(after.activeAt(NOW)).extracting(Secret::id).containsExactly("k2", "k1");
        assertThat(after.activeAt(NOW.plus(Duration.ofHours(23)))).extracting(Secret::id).containsExactly("k2", "k1");
        assertThat(after.activeAt(NOW.plus(Duration.ofHours(24)))).extracting(Secret::id).containsExactly("k2");
    }

    @Test
    void rotationNeverExtendsAnEarlierExpiry() {
        SecretSet set = SecretSet.of(Secret.of("k1", "a", NOW.plusSeconds(60)));
        SecretSet rotated = set.rotate(Secret.of("k2", "b"), Duration.ofDays(1), NOW);
        assertThat(rotated.byId("k1").flatMap(Secret::validUntil)).contains(NOW.plusSeconds(60));
    }

    @Test
    void expiredSecretsAreNotActiveAndNotPrimary() {
        SecretSet set = SecretSet.of(Secret.of("k2", "b", NOW.minusSeconds(1)), Secret.of("k1", "a"));
        assertThat(set.activeAt(NOW)).extracting(Secret::id).containsExactly("k1");
        assertThat(set.primary(NOW)).map(Secret::id).contains("k1");
    }

    @Test
    void rejectsDuplicateIdsAndEmptyValues() {
        assertThatThrownBy(() -> SecretSet.of(Secret.of("a", "x"), Secret.of("a", "y")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> Secret.of("k", "")).isInstanceOf(ConfigurationException.class).hasMessageContaining("'k'");
        assertThatThrownBy(() -> SecretSet.of(Secret.of("k", "v")).rotate(Secret.of("n", "w"), Duration.ofSeconds(-1), NOW))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("grace");
    }

    @Test
    void toStringNeverShowsSecretValues() {
        SecretSet set = SecretSet.ofValues("hunter2-value", "second-value");
        assertThat(set.toString()).doesNotContain("hunter2-value").doesNotContain("second-value").contains("default", "key-2");
    }

    @Test
    void withoutRemovesById() {
        SecretSet set = SecretSet.ofValues("a", "b").without("default");
        assertThat(set.all()).extracting(Secret::id).containsExactly("key-2");
    }
}
