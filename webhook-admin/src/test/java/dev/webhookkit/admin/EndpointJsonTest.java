package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.verify.SchemeOptions;
import dev.webhookkit.verify.Schemes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointJsonTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private final EndpointJson json = EndpointJson.defaults();

    private static Endpoint full() {
        return Endpoint.builder("orders").tenant("acme").path("/hooks/orders").verifier(Schemes.github())
                .secrets(SecretSet.of(Secret.of("k2", "newest-secret-value"), Secret.of("k1", "older-secret-value", NOW.plusSeconds(60))))
                .mapper(Mappers.byId("github")).enabled(false).ipAllowlist("10.0.0.0/8,192.168.1.7")
                .rateLimit(new RateLimit(5, Duration.ofMinutes(1))).mode(HandlerMode.ASYNC).messageTemplate("Alert {{title}}")
                .instructions("page the on-call").attribute("team", "payments").maxBodyBytes(2048).dedupWindow(Duration.ofHours(2))
                .deliveryIdHeaders(List.of("X-Delivery")).dedupByBodyHash(false).eventTypeHeaders(List.of("X-Kind"))
                .eventTypeFields(List.of("kind")).build();
    }

    @Test
    void storedFormRoundTripsEverySettingAndKeepsSecretValues() {
        Endpoint original = full();
        String stored = json.encode(original);
        assertThat(stored).contains("newest-secret-value").contains("older-secret-value");
        Endpoint back = json.decode(stored);
        assertThat(json.encode(back)).isEqualTo(stored);
        assertThat(back.name()).isEqualTo("orders");
        assertThat(back.tenant()).contains("acme");
        assertThat(back.path()).contains("/hooks/orders");
        assertThat(back.verifier()).isSameAs(Schemes.github());
        assertThat(back.secrets()).isEqualTo(original.secrets());
        assertThat(back.mapper().id()).isEqualTo("github");
        assertThat(back.enabled()).isFalse();
        assertThat(back.ipAllowlist().ranges()).hasToString("[10.0.0.0/8, 192.168.1.7]");
        assertThat(back.rateLimit()).contains(new RateLimit(5, Duration.ofMinutes(1)));
        assertThat(back.mode()).isEqualTo(HandlerMode.ASYNC);
        assertThat(back.messageTemplate()).contains("Alert {{title}}");
        assertThat(back.compiledTemplate()).isPresent();
        assertThat(back.instructions()).isEqualTo("page the on-call");
        assertThat(back.attributes()).containsEntry("team", "payments");
        assertThat(back.maxBodyBytes()).isEqualTo(2048);
        assertThat(back.dedupWindow()).isEqualTo(Duration.ofHours(2));
        assertThat(back.deliveryIdHeaders()).containsExactly("x-delivery");
        assertThat(back.dedupByBodyHash()).isFalse();
        assertThat(back.eventTypeHeaders()).containsExactly("x-kind");
        assertThat(back.eventTypeFields()).containsExactly("kind");
    }

    @Test
    void viewShowsSecretIdsAndValidityButNeverValues() {
        JsonNode view = json.toView(full(), NOW.plusSeconds(60));
        assertThat(view.toString()).doesNotContain("newest-secret-value").doesNotContain("older-secret-value").doesNotContain("\"value\"");
        assertThat(view.path("secrets").get(0).path("id").asText()).isEqualTo("k2");
        assertThat(view.path("secrets").get(0).path("active").asBoolean()).isTrue();
        assertThat(view.path("secrets").get(1).path("validUntil").asText()).isEqualTo("2026-12-03T12:01:00Z");
        assertThat(view.path("secrets").get(1).path("active").asBoolean()).as("expired at its validUntil").isFalse();
    }

    @Test
    void plainSecretValuesGetTheDefaultIds() {
        Endpoint e = json.decode("{\"name\":\"a\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"one-value\",\"two-value\"]}");
        assertThat(e.secrets().all()).extracting(Secret::id).containsExactly("default", "key-2");
    }

    @Test
    void decodedEndpointsGetTheConfiguredHandlerAndUnsignedOnlyByExplicitNone() {
        EventHandler handler = event -> HandlerResponse.empty();
        Endpoint e = EndpointJson.builder().handler(handler).build().decode("{\"name\":\"a\",\"scheme\":\"none\"}");
        assertThat(e.handler()).isSameAs(handler);
        assertThat(e.isSigned()).isFalse();
        assertThat(e.allowsUnsigned()).isTrue();
        assertThatThrownBy(() -> json.decode("{\"name\":\"a\"}")).isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("scheme:");
    }

    @Test
    void endpointsConfiguredInCodeCannotBeStoredButCanBeViewed() {
        Endpoint customVerifier = Endpoint.builder("a").verifier((request, secrets) -> VerificationResult.valid("k")).secret("s").build();
        assertThatThrownBy(() -> json.encode(customVerifier)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'a'").hasMessageContaining("verifier");
        assertThat(json.toView(customVerifier, NOW).path("scheme").asText()).isEqualTo("custom");

        Endpoint withOptions = Endpoint.builder("b").verifier(Schemes.hmacSha256(SchemeOptions.builder().signatureHeader("X-Sig").build()))
                .secret("s").build();
        assertThatThrownBy(() -> json.encode(withOptions)).isInstanceOf(ConfigurationException.class).hasMessageContaining("options");

        Endpoint customMapper = Endpoint.builder("c").allowUnsigned().mapper((payload, request) -> List.of()).build();
        assertThatThrownBy(() -> json.encode(customMapper)).isInstanceOf(ConfigurationException.class).hasMessageContaining("mapper");

        Endpoint customFilter = Endpoint.builder("d").allowUnsigned().filter(event -> false).build();
        assertThatThrownBy(() -> json.encode(customFilter)).isInstanceOf(ConfigurationException.class).hasMessageContaining("filter");

        Endpoint plain = Endpoint.builder("e").allowUnsigned().build();
        assertThat(json.decode(json.encode(plain)).name()).isEqualTo("e");
    }

    @Test
    void textThatIsNotJsonFailsWithoutQuotingIt() {
        assertThatThrownBy(() -> json.decode("{\"name\":\"a\",\"secrets\":[supersecretvalue]}"))
                .isInstanceOf(ConfigurationException.class).hasMessageNotContaining("supersecretvalue");
    }

    @Test
    void keyIsTheName() {
        assertThat(json.key(full())).isEqualTo("orders");
    }
}
