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

        Route route = Route.resolve("/webhooks/alerts", "/webhooks", registry);

        assertThat(route.name()).hasValue("alerts");
        assertThat(route.endpoints()).extracting(Endpoint::name).containsExactly("alerts");
    }

    @Test
    void unknownNameFallsBackToTheEndpointsOnThatPath() {
        registry.put(Endpoint.builder("b").allowUnsigned().path("/webhooks/team").maxBodyBytes(2000).build());
        registry.put(Endpoint.builder("a").allowUnsigned().path("/webhooks/team").maxBodyBytes(1000).build());

        Route route = Route.resolve("/webhooks/team", "/webhooks", registry);

        assertThat(route.name()).isEmpty();
        assertThat(route.label()).isEqualTo("path:/webhooks/team");
        assertThat(route.endpoints()).extracting(Endpoint::name).containsExactly("a", "b");
        assertThat(route.maxBodyBytes(10)).isEqualTo(2000);
    }

    @Test
    void deeperPathsAreRoutedByPath() {
        registry.put(Endpoint.builder("deep").allowUnsigned().path("/webhooks/a/b").build());

        assertThat(Route.resolve("/webhooks/a/b", "/webhooks", registry).endpoints()).extracting(Endpoint::name).containsExactly("deep");
    }

    @Test
    void unknownSingleSegmentIsReceivedByNameWithTheUnknownLimit() {
        Route route = Route.resolve("/webhooks/nobody", "/webhooks", registry);

        assertThat(route.name()).hasValue("nobody");
        assertThat(route.endpoints()).isEmpty();
        assertThat(route.maxBodyBytes(77)).isEqualTo(77);
    }

    @Test
    void rootPrefixTakesTheFirstSegmentAsName() {
        registry.put(Endpoint.builder("alerts").allowUnsigned().build());

        assertThat(Route.resolve("/alerts", "", registry).name()).hasValue("alerts");
    }
}
