package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.spi.SignatureVerifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void validatesSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> Endpoint.builder("bad name").allowUnsigned().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> Endpoint.builder("a").allowUnsigned().maxBodyBytes(-1).build())
                .hasMessageContaining("maxBodyBytes must be > 0 but was -1");
        assertThatThrownBy(() -> Endpoint.builder("a").allowUnsigned().dedupWindow(Duration.ofSeconds(-5)).build())
                .hasMessageContaining("dedupWindow");
        assertThatThrownBy(() -> Endpoint.builder("a").allowUnsigned().path("no-slash").build())
                .hasMessageContaining("path must start with '/'");
    }

    @Test
    void schemeThatNeedsSecretsRefusesToBuildWithout() {
        SignatureVerifier signed = (request, secrets) -> VerificationResult.valid("k");
        assertThatThrownBy(() -> Endpoint.builder("gh").verifier(signed).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'gh'").hasMessageContaining("secret");
        assertThat(Endpoint.builder("gh").verifier(signed).secret("s").build().secrets().size()).isEqualTo(1);
    }

    @Test
    void brokenTemplateIsRejectedWhenBuiltNotOnFirstEvent() {
        assertThatThrownBy(() -> Endpoint.builder("tpl").allowUnsigned().messageTemplate("Alert {{title").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'tpl'").hasMessageContaining("template");
    }

    @Test
    void toBuilderRoundTripsEverySetting() {
        Endpoint e = Endpoint.builder("x").allowUnsigned().path("/hooks/x").enabled(false).maxBodyBytes(10).rateLimit(RateLimit.perSecond(3))
                .dedupWindow(Duration.ofMinutes(5)).instructions("page on-call").attribute("team", "sre")
                .messageTemplate("{{title}}").mode(HandlerMode.ASYNC).ipAllowlist("10.0.0.0/8")
                .deliveryIdHeaders(java.util.List.of("X-GitHub-Delivery")).build();
        Endpoint copy = e.toBuilder().build();
        assertThat(copy.path()).contains("/hooks/x");
        assertThat(copy.enabled()).isFalse();
        assertThat(copy.maxBodyBytes()).isEqualTo(10);
        assertThat(copy.rateLimit()).contains(RateLimit.perSecond(3));
        assertThat(copy.dedupWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(copy.instructions()).isEqualTo("page on-call");
        assertThat(copy.attributes()).containsEntry("team", "sre");
        assertThat(copy.compiledTemplate()).isPresent();
        assertThat(copy.mode()).isEqualTo(HandlerMode.ASYNC);
        assertThat(copy.ipAllowlist().ranges()).hasSize(1);
        assertThat(copy.deliveryIdHeaders()).contains("x-github-delivery");
    }

    @Test
    void toBuilderRoundTripsThePlatformSettings() {
        String token = "A".repeat(22) + "_-9z";
        Endpoint named = Endpoint.builder("n").allowUnsigned().urlToken(token).formJsonField("payload").responseModeField("response_mode")
                .build().toBuilder().build();
        Endpoint shared = Endpoint.builder("s").allowUnsigned().path("/api/integrations/webhook").integrationId("int-1")
                .build().toBuilder().build();
        assertThat(named.urlToken()).contains(token);
        assertThat(named.formJsonField()).contains("payload");
        assertThat(named.responseModeField()).contains("response_mode");
        assertThat(shared.integrationId()).contains("int-1");
        assertThat(Endpoint.builder("d").allowUnsigned().build().responseModeField()).as("a request cannot choose by default").isEmpty();
        assertThatThrownBy(() -> Endpoint.builder("b").responseModeField("")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("responseModeField");
    }

    @Test
    void rateLimitValidatesPermitsAndPeriod() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(1))).hasMessageContaining("permits must be > 0 but was 0");
        assertThatThrownBy(() -> new RateLimit(1, Duration.ZERO)).hasMessageContaining("period must be > 0");
    }

    @Test
    void tenantIsOptionalValidatedAndKeptByToBuilder() {
        assertThat(Endpoint.builder("a").allowUnsigned().build().tenant()).isEmpty();
        Endpoint owned = Endpoint.builder("a").allowUnsigned().tenant("acme").build();
        assertThat(owned.tenant()).contains("acme");
        assertThat(owned.toBuilder().build().tenant()).contains("acme");
        assertThat(owned.toBuilder().tenant(null).build().tenant()).isEmpty();
        assertThat(owned.toString()).contains("acme");
        assertThatThrownBy(() -> Endpoint.builder("a").allowUnsigned().tenant("../etc").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tenant must match");
    }
}
