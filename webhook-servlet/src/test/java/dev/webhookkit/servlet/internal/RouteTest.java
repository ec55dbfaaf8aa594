package dev.webhookkit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import org.junit.jupiter.api.Test;

class RouteTest {
    private final EndpointRegistry registry = EndpointRegistry.inMemory();

    @Test
    void prefixMatchesWholeSegments() {
        assertThat(Route.isUnder("/webhooks", "/webhooks")).isTrue();
        assertThat(Route.isUnder("/webhooks/a", "/webhooks")).isTrue();
        assertThat(Route.isUnder("/webhooksa", "/webhooks")).isFalse();
        assertThat(Route.isUnder("/web", "/webhooks")).isFalse();
        assertThat(Route.isUnder("/anything/at/all", "")).isTrue();
    }

    @Test
    void endpointNameWinsOverAPathRoute() {
        registry.put(Endpoint.builder("alerts").allowUnsigned().build());
        registry.put(Endpoint.builder("other").allowUnsigned().path("/webhooks/alerts").build());

        Route route = Route.resolve("/webhooks/alerts", "/webhooks", registry, java.util.Map.of());

        assertThat(route.name()).hasValue("alerts");
        assertThat(route.endpoints()).extracting(Endpoint::name).containsExactly("alerts");
    }

    @Test
    void unknownNameFallsBackToTheEndpointsOnThatPath() {
        registry.put(Endpoint.builder("b").allowUnsigned().path("/webhooks/team").maxBodyBytes(2000).build());
        registry.put(Endpoint.builder("a").allowUnsigned().path("/webhooks/team").maxBodyBytes(1000).build());

        Route route = Route.resolve("/webhooks/team", "/webhooks", registry, java.util.Map.of());

        assertThat(route.name()).isEmpty();
        assertThat(route.label()).isEqualTo("path:/webhooks/team");
        assertThat(route.endpoints()).extracting(Endpoint::name).containsExactly("a", "b");
        assertThat(route.maxBodyBytes(10)).isEqualTo(2000);
    }

    @Test
    void deeperPathsAreRoutedByPath() {
        registry.put(Endpoint.builder("deep").allowUnsigned().path("/webhooks/a/b").build());

        assertThat(Route.resolve("/webhooks/a/b", "/webhooks", registry, java.util.Map.of()).endpoints()).extracting(Endpoint::name).containsExactly("deep");
    }

    @Test
    void unknownSingleSegmentIsReceivedByNameWithTheUnknownLimit() {
        Route route = Route.resolve("/webhooks/nobody", "/webhooks", registry, java.util.Map.of());

        assertThat(route.name()).hasValue("nobody");
        assertThat(route.endpoints()).isEmpty();
        assertThat(route.maxBodyBytes(77)).isEqualTo(77);
    }

    @Test
    void rootPrefixTakesTheFirstSegmentAsName() {
        registry.put(Endpoint.builder("alerts").allowUnsigned().build());

        assertThat(Route.resolve("/alerts", "", registry, java.util.Map.of()).name()).hasValue("alerts");
    }

    static final String TOKEN = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo";

    @Test
    void anEndpointWithAUrlTokenIsReachedOnlyWithIt() {
        registry.put(Endpoint.builder("gnetix").allowUnsigned().urlToken(TOKEN).ipAllowlist("10.0.0.0/8").maxBodyBytes(5).build());

        Route right = Route.resolve("/webhooks/gnetix/" + TOKEN, "/webhooks", registry, java.util.Map.of());
        assertThat(right.name()).hasValue("gnetix");
        assertThat(right.endpoints()).extracting(Endpoint::name).containsExactly("gnetix");
        // Bare name, wrong token, a token one character short: nothing of the endpoint shows (no allowlist, no limit).
        for (String path : java.util.List.of("/webhooks/gnetix", "/webhooks/gnetix/" + TOKEN.substring(1), "/webhooks/gnetix/x",
                "/webhooks/gnetix/" + TOKEN + "/more")) {
            Route wrong = Route.resolve(path, "/webhooks", registry, java.util.Map.of());
            assertThat(wrong.endpoints()).as(path).isEmpty();
            assertThat(wrong.maxBodyBytes(77)).as(path).isEqualTo(77);
        }
    }

    @Test
    void integrationIdSelectsAmongTheEndpointsOfASharedPath() {
        registry.put(Endpoint.builder("datadog").allowUnsigned().path("/webhooks/integrations").integrationId("int-1").build());
        registry.put(Endpoint.builder("grafana").allowUnsigned().path("/webhooks/integrations").integrationId("int-2").build());

        assertThat(Route.resolve("/webhooks/integrations", "/webhooks", registry, java.util.Map.of("integrationId", java.util.List.of("int-2")))
                .endpoints()).extracting(Endpoint::name).containsExactly("grafana");
        assertThat(Route.resolve("/webhooks/integrations", "/webhooks", registry, java.util.Map.of("integrationId", java.util.List.of("int-3")))
                .endpoints()).isEmpty();
        assertThat(Route.resolve("/webhooks/integrations", "/webhooks", registry, java.util.Map.of()).endpoints()).isEmpty();
    }

    @Test
    void logLinesNeverCarryASegmentThatMayBeAToken() {
        assertThat(Route.loggable("/webhooks/gnetix/" + TOKEN, "/webhooks")).isEqualTo("/webhooks/gnetix/…");
        assertThat(Route.loggable("/webhooks/gnetix", "/webhooks")).isEqualTo("/webhooks/gnetix");
        assertThat(Route.loggable("/webhooks", "/webhooks")).isEqualTo("/webhooks");
        assertThat(Route.loggable("/gnetix/" + TOKEN, "")).isEqualTo("/gnetix/…");
    }
}
