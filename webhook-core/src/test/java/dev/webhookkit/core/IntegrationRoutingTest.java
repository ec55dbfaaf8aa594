package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.spi.EventHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** OpsKnight's {@code ?integrationId=} on one shared path, and URL tokens, in the receiver itself. */
class IntegrationRoutingTest {
    static final String TOKEN = "q3F1aWNrLWJyb3duLWZveC1qdW1wcy1vdmVyLXRoZQ";

    final List<String> handled = new CopyOnWriteArrayList<>();

    Endpoint.Builder onShared(String name) {
        return Endpoint.builder(name).allowUnsigned().path("/api/integrations/webhook").handler(EventHandler.of(e -> handled.add(name)));
    }

    static WebhookRequest post(String url) {
        return WebhookRequest.builder().url(url).body("{\"summary\":\"x\"}").header("Content-Type", "application/json").build();
    }

    @Test
    void selectsByIdAndWithoutOneOnlyTheEndpointsThatHaveNone() {
        Endpoint a = onShared("a").integrationId("int-a").build();
        Endpoint b = onShared("b").integrationId("int-b").build();
        Endpoint octipus = onShared("plain").build();
        List<Endpoint> all = List.of(a, b, octipus);

        assertThat(IntegrationRouting.select(all, Map.of("integrationId", List.of("int-b")))).containsExactly(b);
        assertThat(IntegrationRouting.select(all, Map.of())).containsExactly(octipus);
        assertThat(IntegrationRouting.select(all, Map.of("integrationId", List.of("int-c")))).isEmpty();
        assertThat(IntegrationRouting.select(all, Map.of("integrationId", List.of("")))).isEmpty();
        assertThat(IntegrationRouting.select(all, Map.of("integrationId", List.of("int-a", "int-a")))).isEmpty();
        assertThat(IntegrationRouting.select(all, Map.of("integrationId", List.of("x".repeat(100_000))))).isEmpty();
    }

    @Test
    void receivePathRunsOnlyTheNamedIntegration() {
        try (WebhookReceiver r = WebhookReceiver.builder().endpoint(onShared("a").integrationId("int-a").build())
                .endpoint(onShared("b").integrationId("int-b").build()).build()) {
            PathResult hit = r.receivePath("/api/integrations/webhook", post("https://x.example/api/integrations/webhook?integrationId=int-b"));
            PathResult miss = r.receivePath("/api/integrations/webhook", post("https://x.example/api/integrations/webhook?integrationId=int-z"));
            PathResult none = r.receivePath("/api/integrations/webhook", post("https://x.example/api/integrations/webhook"));

            assertThat(hit.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(hit.results()).hasSize(1);
            assertThat(handled).containsExactly("b");
            assertThat(miss.reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
            assertThat(miss.primary().endpoint()).as("the record names the path, not the id tried").isEqualTo("/api/integrations/webhook");
            assertThat(none.reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
        }
    }

    @Test
    void integrationIdNeedsAPathAndTheCharactersOfAName() {
        assertThatThrownBy(() -> Endpoint.builder("a").allowUnsigned().integrationId("int-a").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'a'").hasMessageContaining("path(");
        assertThatThrownBy(() -> onShared("a").integrationId("int a/b").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("integrationId must match");
        assertThat(onShared("a").integrationId("int-a").build().toBuilder().build().integrationId()).contains("int-a");
    }

    @Test
    void aUrlTokenIsTheLastSegmentOfThePathAndNothingElseReachesTheEndpoint() {
        try (WebhookReceiver r = WebhookReceiver.builder().endpoint(Endpoint.builder("gnetix").allowUnsigned().urlToken(TOKEN)
                .handler(EventHandler.of(e -> handled.add("gnetix"))).build()).build()) {
            assertThat(r.receive("gnetix", post("https://x.example/webhooks/gnetix/" + TOKEN)).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(r.receive("gnetix", post("https://x.example/webhooks/gnetix")).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
            assertThat(r.receive("gnetix", post("https://x.example/webhooks/gnetix/" + TOKEN.substring(1))).reason())
                    .isEqualTo(Reason.UNKNOWN_ENDPOINT);
            assertThat(r.receive("gnetix", WebhookRequest.post("{}".getBytes(), Headers.empty())).reason())
                    .as("a host calling receive(name, …) without the URL does not get past the token").isEqualTo(Reason.UNKNOWN_ENDPOINT);
            assertThat(handled).containsExactly("gnetix");
        }
    }

    @Test
    void aDisabledEndpointWithAWrongTokenIsJustUnknown() {
        try (WebhookReceiver r = WebhookReceiver.builder().endpoint(Endpoint.builder("gnetix").allowUnsigned().urlToken(TOKEN)
                .enabled(false).build()).build()) {
            assertThat(r.receive("gnetix", post("https://x.example/webhooks/gnetix/nope")).reason()).isEqualTo(Reason.UNKNOWN_ENDPOINT);
            assertThat(r.receive("gnetix", post("https://x.example/webhooks/gnetix/" + TOKEN)).reason()).isEqualTo(Reason.ENDPOINT_DISABLED);
        }
    }

    @Test
    void aUrlTokenIsNoSignatureItsValueNeverInAMessageAndNeverShown() {
        assertThatThrownBy(() -> Endpoint.builder("gnetix").urlToken(TOKEN).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("allowUnsigned()");
        String weak = "short-token-AAAA";
        assertThatThrownBy(() -> Endpoint.builder("gnetix").allowUnsigned().urlToken(weak).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("22 to 256").hasMessageNotContaining(weak);
        assertThatThrownBy(() -> Endpoint.builder("gnetix").allowUnsigned().urlToken(TOKEN).path("/hooks/g").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("path").hasMessageNotContaining(TOKEN);
        Endpoint e = Endpoint.builder("gnetix").allowUnsigned().urlToken(TOKEN).build();
        assertThat(e.toString()).doesNotContain(TOKEN);
        assertThat(e.toBuilder().build().acceptsUrlToken(TOKEN)).isTrue();
        assertThat(e.acceptsUrlToken(null)).isFalse();
        assertThat(Endpoint.builder("open").allowUnsigned().build().acceptsUrlToken("anything")).isTrue();
    }
}
