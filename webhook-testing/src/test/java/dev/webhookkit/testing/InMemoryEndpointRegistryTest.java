package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.spi.Registry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core's in-memory endpoints against the registry kit (here: webhook-core's tests cannot depend on this module). */
class InMemoryEndpointRegistryTest extends RegistryContractTest<Endpoint> {
    // Endpoint has no value equality: the same key and variant give the same instance.
    private final Map<String, Endpoint> made = new ConcurrentHashMap<>();

    @Override
    protected Registry<Endpoint> create() {
        return EndpointRegistry.inMemory();
    }

    @Override
    protected Endpoint entry(String key, int variant) {
        return made.computeIfAbsent(key + "#" + variant, k -> Endpoint.builder(key).allowUnsigned().maxBodyBytes(1000 + variant).build());
    }

    @Override
    protected String kind() {
        return "endpoint";
    }

    @Test
    void byPathFindsEveryEndpointOnThePathInNameOrder() {
        EndpointRegistry endpoints = EndpointRegistry.inMemory();
        endpoints.create(Endpoint.builder("team-b").allowUnsigned().path("/hooks/team").build());
        endpoints.create(Endpoint.builder("team-a").allowUnsigned().path("/hooks/team").build());
        endpoints.create(Endpoint.builder("other").allowUnsigned().path("/hooks/other").build());
        assertThat(endpoints.byPath("/hooks/team")).extracting(Endpoint::name).containsExactly("team-a", "team-b");
        assertThat(endpoints.byPath("/hooks/none")).isEmpty();
    }
}
