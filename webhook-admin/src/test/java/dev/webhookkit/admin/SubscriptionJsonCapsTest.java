package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.Headers;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import org.junit.jupiter.api.Test;

/** The subscription codec reads its fields within caps, like the endpoint codec (one JsonFields for both). */
class SubscriptionJsonCapsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode subscription(int eventTypes) {
        ObjectNode s = MAPPER.createObjectNode().put("id", "ops").put("url", "https://ops.example.com/h").put("secret", "s3cret-value");
        ArrayNode types = s.putArray("eventTypes");
        for (int i = 0; i < eventTypes; i++) {
            types.add("incident." + i + ".*");
        }
        return s;
    }

    @Test
    void tenThousandEventTypeGlobsAreA422() throws Exception {
        SubscriptionRegistry registry = SubscriptionRegistry.inMemory();
        try (WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(registry).build()) {
            AdminApi api = AdminApi.builder().endpoints(EndpointRegistry.inMemory()).authorizer(AdminAuthorizer.allowAll())
                    .dispatcher(dispatcher).build();

            AdminResponse r = api.handle(new AdminRequest("POST", "", "/subscriptions", "", Headers.of("Content-Type", "application/json"),
                    MAPPER.writeValueAsBytes(subscription(10_000))));

            assertThat(r.status()).isEqualTo(422);
            assertThat(r.bodyAsString()).contains("eventTypes").contains("at most " + SubscriptionJson.MAX_EVENT_TYPES);
            assertThat(registry.get("ops")).isEmpty();
        }
    }

    @Test
    void theCapsHoldInTheCodecForEveryForm() {
        assertThat(SubscriptionJson.instance().fromJson(subscription(SubscriptionJson.MAX_EVENT_TYPES)).eventTypes())
                .hasSize(SubscriptionJson.MAX_EVENT_TYPES);
        assertThatThrownBy(() -> SubscriptionJson.instance().fromJson(subscription(SubscriptionJson.MAX_EVENT_TYPES + 1)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("eventTypes"));
        ObjectNode longGlob = subscription(0);
        longGlob.putArray("eventTypes").add("x".repeat(257));
        assertThatThrownBy(() -> SubscriptionJson.instance().fromJson(longGlob))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("eventTypes[0]"));
        ObjectNode longDescription = subscription(1).put("description", "d".repeat(1025));
        assertThatThrownBy(() -> SubscriptionJson.instance().fromJson(longDescription))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("description"));
        ObjectNode manyHeaders = subscription(1);
        ObjectNode headers = manyHeaders.putObject("headers");
        for (int i = 0; i <= SubscriptionJson.MAX_HEADERS; i++) {
            headers.put("X-H" + i, "v");
        }
        assertThatThrownBy(() -> SubscriptionJson.instance().fromJson(manyHeaders))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("headers"));
    }
}
