package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The API without a server: building it, its route table, and what it answers without the optional parts. */
class AdminApiTest {

    @Test
    void refusesToBuildWithoutAnAuthorizer() {
        assertThatThrownBy(() -> AdminApi.builder().endpoints(EndpointRegistry.inMemory()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("authorizer").hasMessageContaining("allowAll");
        assertThatThrownBy(() -> AdminApi.builder().authorizer(AdminAuthorizer.allowAll()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("endpoints");
        assertThatThrownBy(() -> AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll())
                .maxBodyBytes(0).build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("maxBodyBytes");
    }

    @Test
    void allowAllIsAnExplicitOptOutOfAccessControl() {
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll()).build();
        assertThat(api.handle(AdminRequest.of("GET", "/endpoints", Headers.empty())).status()).isEqualTo(200);
    }

    @Test
    void routesWithoutTheirBackingPartAnswer501NotConfigured() {
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll()).build();
        AdminResponse events = api.handle(AdminRequest.of("GET", "/events", Headers.empty()));
        assertThat(events.status()).isEqualTo(501);
        assertThat(events.bodyAsString()).contains("\"code\":\"not_configured\"");
        assertThat(api.handle(AdminRequest.of("POST", "/events/x/replay", Headers.empty())).status()).isEqualTo(501);
    }

    @Test
    void everyRouteIsOneEntryOfTheTable() {
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll()).build();
        assertThat(api.routes()).contains(
                new AdminApi.Route("GET", "/endpoints"), new AdminApi.Route("POST", "/endpoints"),
                new AdminApi.Route("GET", "/endpoints/{name}"), new AdminApi.Route("PUT", "/endpoints/{name}"),
                new AdminApi.Route("PATCH", "/endpoints/{name}"), new AdminApi.Route("DELETE", "/endpoints/{name}"),
                new AdminApi.Route("POST", "/endpoints/{name}/secrets"), new AdminApi.Route("GET", "/events"),
                new AdminApi.Route("GET", "/events/{id}"), new AdminApi.Route("POST", "/events/{id}/replay"));
        assertThat(api.routes()).doesNotHaveDuplicates();
    }

    @Test
    void aBodyOverTheLimitIs413EvenInProcess() {
        AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll())
                .maxBodyBytes(10).build();
        AdminResponse r = api.handle(new AdminRequest("POST", "", "/endpoints", "", Headers.of("Content-Type", "application/json"),
                "{\"name\":\"abcdefgh\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void aFailureInsideARouteIs500WithoutDetails() {
        EndpointRegistry inner = EndpointRegistry.inMemory();
        EndpointRegistry broken = new EndpointRegistry() {
            @Override
            public java.util.List<Endpoint> list() {
                throw new IllegalStateException("connection string jdbc:postgresql://db?password=hunter2 refused");
            }

            @Override
            public java.util.List<Endpoint> byPath(String path) {
                return inner.byPath(path);
            }

            @Override
            public void create(Endpoint entry) {
                inner.create(entry);
            }

            @Override
            public java.util.Optional<Endpoint> get(String key) {
                return inner.get(key);
            }

            @Override
            public void update(Endpoint entry) {
                inner.update(entry);
            }

            @Override
            public void put(Endpoint entry) {
                inner.put(entry);
            }

            @Override
            public boolean delete(String key) {
                return inner.delete(key);
            }
        };
        AdminApi api = AdminApi.builder().endpoints(broken).authorizer(AdminAuthorizer.allowAll()).build();
        AdminResponse r = api.handle(AdminRequest.of("GET", "/endpoints", Headers.empty()));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.bodyAsString()).contains("internal_error").doesNotContain("hunter2").doesNotContain("IllegalStateException");
    }
}
