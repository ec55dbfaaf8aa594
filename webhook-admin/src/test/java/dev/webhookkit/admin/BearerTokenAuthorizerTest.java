package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminDecision;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import org.junit.jupiter.api.Test;

class BearerTokenAuthorizerTest {
    static final String ALL = "operator-token-0123456789";
    static final String ACME = "acme-token-0123456789";
    private final BearerTokenAuthorizer auth = BearerTokenAuthorizer.builder().allTenantsToken(ALL).tenantToken("acme", ACME).build();

    private AdminDecision decide(Headers headers, AdminResource resource) {
        return auth.authorize(AdminRequest.of("GET", "/endpoints", headers), AdminAction.READ, resource);
    }

    private static Headers bearer(String token) {
        return Headers.of("Authorization", "Bearer " + token);
    }

    @Test
    void missingMalformedOrUnknownCredentialsAreUnauthenticated() {
        AdminResource c = AdminResource.collection("endpoints");
        assertThat(decide(Headers.empty(), c)).isEqualTo(AdminDecision.UNAUTHENTICATED);
        assertThat(decide(Headers.of("Authorization", "Basic " + ALL), c)).isEqualTo(AdminDecision.UNAUTHENTICATED);
        assertThat(decide(Headers.of("Authorization", "Bearer"), c)).isEqualTo(AdminDecision.UNAUTHENTICATED);
        assertThat(decide(bearer(ALL.substring(1)), c)).isEqualTo(AdminDecision.UNAUTHENTICATED);
        assertThat(decide(bearer(ALL + "0"), c)).isEqualTo(AdminDecision.UNAUTHENTICATED);
        assertThat(decide(Headers.of("Authorization", "Bearer " + ACME, "Authorization", "Bearer " + ALL), c))
                .as("two credentials").isEqualTo(AdminDecision.UNAUTHENTICATED);
        assertThat(decide(Headers.of("Authorization", "bearer " + ALL), c)).as("scheme is case-insensitive").isEqualTo(AdminDecision.ALLOW);
    }

    @Test
    void aTenantTokenReachesOnlyItsTenantsEntries() {
        assertThat(decide(bearer(ACME), AdminResource.collection("endpoints"))).isEqualTo(AdminDecision.ALLOW);
        assertThat(decide(bearer(ACME), AdminResource.entry("endpoints", "a", "acme"))).isEqualTo(AdminDecision.ALLOW);
        assertThat(decide(bearer(ACME), AdminResource.entry("endpoints", "b", "globex"))).isEqualTo(AdminDecision.FORBIDDEN);
        assertThat(decide(bearer(ACME), AdminResource.entry("endpoints", "c", null))).isEqualTo(AdminDecision.FORBIDDEN);
        assertThat(decide(bearer(ALL), AdminResource.entry("endpoints", "b", "globex"))).isEqualTo(AdminDecision.ALLOW);
        assertThat(decide(bearer(ALL), AdminResource.entry("endpoints", "c", null))).isEqualTo(AdminDecision.ALLOW);
    }

    @Test
    void weakOrRepeatedTokensAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> BearerTokenAuthorizer.builder().allTenantsToken("short").build())
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("short\"").hasMessageNotContaining("'short'");
        assertThatThrownBy(() -> BearerTokenAuthorizer.builder().allTenantsToken("has a space 0123456789").build())
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("has a space");
        assertThatThrownBy(() -> BearerTokenAuthorizer.builder().allTenantsToken(ALL).tenantToken("acme", ALL).build())
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining(ALL);
        assertThatThrownBy(() -> BearerTokenAuthorizer.builder().build()).isInstanceOf(ConfigurationException.class);
        assertThat(auth.toString()).doesNotContain(ALL).doesNotContain(ACME).contains("1 all-tenants, 1 tenant");
    }
}
