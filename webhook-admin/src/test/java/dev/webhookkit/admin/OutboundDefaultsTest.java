package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.admin.spi.HealthCheck;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.Headers;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the outbound routes do by default and without their parts, answered in process by {@link AdminApi#handle}. */
class OutboundDefaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private WebhookDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(2));
        }
    }

    private static AdminApi.Builder base() {
        return AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll());
    }

    private static AdminResponse call(AdminApi api, String method, String path, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        // Every write names JSON, even without a body (the API refuses form posts, which a browser could forge).
        Headers headers = method.equals("GET") && body == null ? Headers.empty() : Headers.of("Content-Type", "application/json");
        return api.handle(new AdminRequest(method, "/admin", path, "", headers, bytes));
    }

    private static JsonNode json(AdminResponse r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void byDefaultASubscriptionToALoopbackOrPrivateAddressIsRefused() throws IOException {
        dispatcher = WebhookDispatcher.builder().build();
        AdminApi api = base().dispatcher(dispatcher).build();
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://[::1]/hook"}) {
            AdminResponse r = call(api, "POST", "/subscriptions", "{\"id\":\"s\",\"url\":\"" + url + "\",\"secret\":\"x\"}");
            assertThat(r.status()).as(url).isEqualTo(422);
            assertThat(json(r).path("error").path("message").asText()).startsWith("url: refused as a destination");
        }
        assertThat(dispatcher.subscriptions().list()).isEmpty();
    }

    @Test
    void allowingPrivateTargetsLetsLoopbackAndPrivateThroughButNeverMetadata() throws IOException {
        dispatcher = WebhookDispatcher.builder().build();
        AdminApi api = base().dispatcher(dispatcher).allowPrivateTargets(true).build();
        assertThat(call(api, "POST", "/subscriptions", "{\"id\":\"a\",\"url\":\"http://127.0.0.1:8080/\",\"secret\":\"x\"}").status()).isEqualTo(201);
        assertThat(call(api, "POST", "/subscriptions", "{\"id\":\"b\",\"url\":\"http://10.1.2.3/\",\"secret\":\"x\"}").status()).isEqualTo(201);
        AdminResponse metadata = call(api, "POST", "/subscriptions", "{\"id\":\"c\",\"url\":\"http://169.254.169.254/\",\"secret\":\"x\"}");
        assertThat(metadata.status()).isEqualTo(422);
        assertThat(json(metadata).path("error").path("message").asText()).contains("cloud_metadata");
    }

    @Test
    void withoutADispatcherTheOutboundRoutesAnswer501AndHealthStillAnswers() throws IOException {
        AdminApi api = base().build();
        for (String[] route : new String[][] {{"GET", "/subscriptions"}, {"POST", "/subscriptions/x/test"}, {"GET", "/messages"},
                {"POST", "/messages/redeliver"}, {"GET", "/messages/x/attempts"}}) {
            AdminResponse r = call(api, route[0], route[1], null);
            assertThat(r.status()).as(route[1]).isEqualTo(501);
            assertThat(json(r).path("error").path("code").asText()).isEqualTo("not_configured");
        }
        AdminResponse health = call(api, "GET", "/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(json(health).path("checks").size()).isZero();
    }

    @Test
    void aHostCheckThatIsDownOrThrowsMakesHealth503WithoutItsMessage() throws IOException {
        AdminApi api = base()
                .healthCheck("redis", HealthCheck.probe(() -> {
                    throw new IllegalStateException("connect to redis://:hunter2@10.0.0.5 refused");
                }))
                .healthCheck("queue", () -> HealthCheck.Result.down("3 consumers missing"))
                .healthCheck("cache", HealthCheck.probe(() -> { }))
                .build();
        AdminResponse r = call(api, "GET", "/health", null);
        assertThat(r.status()).isEqualTo(503);
        JsonNode body = json(r);
        assertThat(body.path("status").asText()).isEqualTo("down");
        assertThat(body.path("checks").path("redis").path("status").asText()).isEqualTo("down");
        assertThat(body.path("checks").path("redis").path("detail").asText()).isEqualTo("IllegalStateException");
        assertThat(body.path("checks").path("queue").path("detail").asText()).isEqualTo("3 consumers missing");
        assertThat(body.path("checks").path("cache").path("status").asText()).isEqualTo("up");
        assertThat(r.bodyAsString()).doesNotContain("hunter2");
        assertThat(body.path("checks").fieldNames()).toIterable().containsExactly("redis", "queue", "cache");

        AdminApi healthy = base().healthCheck("cache", HealthCheck.probe(() -> { })).build();
        assertThat(call(healthy, "GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void aClosedDispatcherIsUnhealthyAndRefusesToPublish() throws IOException {
        dispatcher = WebhookDispatcher.builder().build();
        AdminApi api = base().dispatcher(dispatcher).build();
        dispatcher.close(Duration.ofSeconds(2));
        AdminResponse health = call(api, "GET", "/health", null);
        assertThat(health.status()).isEqualTo(503);
        assertThat(json(health).path("checks").path("dispatcher").path("status").asText()).isEqualTo("down");
        AdminResponse publish = call(api, "POST", "/messages", "{\"eventType\":\"a.b\",\"data\":{}}");
        assertThat(publish.status()).isEqualTo(503);
        assertThat(json(publish).path("error").path("code").asText()).isEqualTo("dispatcher_closed");
    }

    @Test
    void healthCheckNamesAreCheckedWhenTheApiIsBuilt() {
        HealthCheck ok = HealthCheck.probe(() -> { });
        assertThatThrownBy(() -> base().healthCheck("store", ok)).isInstanceOf(ConfigurationException.class).hasMessageContaining("'store'");
        assertThatThrownBy(() -> base().healthCheck("dispatcher", ok)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> base().healthCheck(" ", ok)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> base().healthCheck("redis", ok).healthCheck("redis", ok))
                .isInstanceOf(ConfigurationException.class).hasMessage("health check 'redis' is registered twice");
    }
}
