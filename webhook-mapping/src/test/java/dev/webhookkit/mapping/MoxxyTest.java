package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Moxxy's body and answer, and the per-request response_mode, through a real receiver. */
class MoxxyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Moxxy's documented request, with its documented sync answer's field names. */
    static final String DOCUMENTED = "{\"agent\":\"default\",\"message\":\"Process this data\","
            + "\"context\":{\"source\":\"external_service\",\"event_id\":\"12345\"},\"response_mode\":\"sync\"}";

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    static WebhookRequest post(String body) {
        return WebhookRequest.post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Headers.of("Content-Type", "application/json"));
    }

    @Test
    void readsTheDocumentedBody() throws Exception {
        Moxxy.Message m = Moxxy.message(json(DOCUMENTED));
        assertThat(m.agent()).isEqualTo("default");
        assertThat(m.message()).isEqualTo("Process this data");
        assertThat(m.context().path("event_id").asText()).isEqualTo("12345");
        assertThat(Moxxy.message(json("{\"message\":\"Hello\"}")).agent()).isEqualTo(Moxxy.DEFAULT_AGENT);
        assertThat(Moxxy.message(json("{\"message\":\"Hello\"}")).context().isEmpty()).isTrue();
    }

    @Test
    void answersInMoxxysShapeWithExactlyItsFields() throws Exception {
        HandlerResponse r = Moxxy.reply(Moxxy.message(json(DOCUMENTED)), "I've processed your request...");
        assertThat(r.contentType()).isEqualTo("application/json");
        JsonNode body = json(r.bodyAsString());
        assertThat(body.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("success", "agent", "response", "context");
        assertThat(body.path("success").isBoolean()).isTrue();
        assertThat(body.path("success").booleanValue()).isTrue();
        assertThat(body.path("agent").asText()).isEqualTo("default");
        assertThat(body.path("response").asText()).isEqualTo("I've processed your request...");
        assertThat(body.path("context")).isEqualTo(json("{\"source\":\"external_service\",\"event_id\":\"12345\"}"));
    }

    @Test
    void refusesBodiesThatAreNotMoxxysShape() {
        for (String bad : List.of("{\"agent\":\"ops\"}", "{\"message\":42}", "{\"message\":\"  \"}", "{\"message\":\"m\",\"agent\":7}",
                "{\"message\":\"m\",\"agent\":\"" + "a".repeat(129) + "\"}", "{\"message\":\"m\",\"context\":[1]}",
                "{\"message\":\"m\",\"context\":\"ctx\"}", "[\"message\"]")) {
            assertThatThrownBy(() -> Mappers.byId("moxxy").map(json(bad), post(bad))).as(bad)
                    .isInstanceOf(PayloadMappingException.class).hasMessageStartingWith("moxxy mapper");
        }
    }

    Endpoint.Builder moxxy(String name) {
        return Endpoint.builder(name).allowUnsigned().mapper(Mappers.byId(Moxxy.MAPPER_ID))
                .handler(Moxxy.handler(m -> "echo: " + m.message()));
    }

    @Test
    void aSyncRequestIsAnsweredWithTheAgentsResponse() throws Exception {
        try (WebhookReceiver r = WebhookReceiver.builder().endpoint(moxxy("generic").responseModeField(Moxxy.RESPONSE_MODE_FIELD).build())
                .build()) {
            ReceiveResult result = r.receive("generic", post(DOCUMENTED));
            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(result.status()).isEqualTo(200);
            assertThat(json(result.response().bodyAsString()).path("response").asText()).isEqualTo("echo: Process this data");
            assertThat(result.alerts()).singleElement().satisfies(a -> assertThat(a.labels()).containsEntry("agent", "default"));
        }
    }

    @Test
    void responseModeIsHonouredOnlyWhereTheEndpointAllowsIt() {
        String async = "{\"agent\":\"ops\",\"message\":\"slow job\",\"response_mode\":\"async\"}";
        String sync = "{\"agent\":\"ops\",\"message\":\"quick\",\"response_mode\":\"SYNC\"}";
        try (WebhookReceiver r = WebhookReceiver.builder()
                .endpoint(moxxy("allows").responseModeField(Moxxy.RESPONSE_MODE_FIELD).build())
                .endpoint(moxxy("allows-async-default").responseModeField(Moxxy.RESPONSE_MODE_FIELD).mode(HandlerMode.ASYNC).build())
                .endpoint(moxxy("sync-only").build())
                .endpoint(moxxy("async-only").mode(HandlerMode.ASYNC).build())
                .build()) {
            assertThat(r.receive("allows", post(async)).reason()).isEqualTo(Reason.ACCEPTED);
            assertThat(r.receive("allows-async-default", post(sync)).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(r.receive("allows-async-default", post("{\"message\":\"no mode\"}")).reason()).isEqualTo(Reason.ACCEPTED);
            // Not allowed: the request's wish is data, the endpoint's mode applies — even for a value that would be refused.
            assertThat(r.receive("sync-only", post(async)).reason()).isEqualTo(Reason.PROCESSED);
            assertThat(r.receive("async-only", post(sync)).reason()).isEqualTo(Reason.ACCEPTED);
            assertThat(r.receive("sync-only", post("{\"message\":\"m\",\"response_mode\":\"later\"}")).reason()).isEqualTo(Reason.PROCESSED);
            // Allowed: only "sync" or "async".
            for (String bad : List.of("\"later\"", "1", "null", "true", "{\"mode\":\"async\"}", "\"\"")) {
                ReceiveResult result = r.receive("allows", post("{\"message\":\"m\",\"response_mode\":" + bad + "}"));
                assertThat(result.reason()).as(bad).isEqualTo(Reason.MALFORMED_PAYLOAD);
                assertThat(r.eventLog().find(result.eventId()).orElseThrow().error()).contains("response_mode");
            }
        }
    }
}
