package dev.webhookkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EndpointRegistry} promises: the {@link RegistryContractTest} operations keyed by
 * endpoint name, and look-up by path. An implementation's test extends this with a fresh, empty
 * registry from {@link #create}.
 *
 * <p>{@link Endpoint} has no value equality, so the kit's entries are made once per key and variant
 * and compared as instances: a registry that stores endpoints outside the JVM needs a codec that
 * gives back the instance it was given (a test codec; see webhook-jdbc's tests).
 */
public abstract class EndpointRegistryContractTest extends RegistryContractTest<Endpoint> {
    private final Map<String, Endpoint> made = new ConcurrentHashMap<>();

    @Override
    protected abstract EndpointRegistry create();

    protected EndpointRegistry endpoints() {
        return (EndpointRegistry) registry;
    }

    @Override
    protected Endpoint entry(String key, int variant) {
        return made.computeIfAbsent(key + "#" + variant, k -> Endpoint.builder(key).allowUnsigned().maxBodyBytes(1000 + variant).build());
    }

    /** An endpoint routed to {@code path}, made once per name and path. */
    protected Endpoint routed(String name, String path) {
        return made.computeIfAbsent(name + "@" + path, k -> Endpoint.builder(name).allowUnsigned().path(path).build());
    }

    @Override
    protected String kind() {
        return "endpoint";
    }

    @Test
    void byPathFindsEveryEndpointOnThePathInNameOrder() {
        endpoints().create(routed("team-b", "/hooks/team"));
        endpoints().create(routed("team-a", "/hooks/team"));
        endpoints().create(routed("other", "/hooks/other"));

        assertThat(endpoints().byPath("/hooks/team")).containsExactly(routed("team-a", "/hooks/team"), routed("team-b", "/hooks/team"));
        assertThat(endpoints().byPath("/hooks/none")).isEmpty();
    }

    @Test
    void byPathFollowsUpdatesAndDeletes() {
        endpoints().create(routed("team-a", "/hooks/team"));
        endpoints().create(routed("team-b", "/hooks/team"));

        endpoints().update(routed("team-a", "/hooks/moved"));
        endpoints().delete("team-b");

        assertThat(endpoints().byPath("/hooks/team")).isEmpty();
        assertThat(endpoints().byPath("/hooks/moved")).containsExactly(routed("team-a", "/hooks/moved"));
    }

    @Test
    void anEndpointWithoutPathIsOnNoPath() {
        endpoints().create(entry("plain", 1));
        assertThat(endpoints().byPath("/plain")).isEmpty();
        assertThat(endpoints().byPath("")).isEmpty();
    }
}
