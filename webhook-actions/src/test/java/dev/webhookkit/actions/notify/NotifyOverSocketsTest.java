package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format end to end: a request reaches a receiver, its alert is mapped, the notify action
 * queues the rendered body in the dispatcher's outbox, and a worker POSTs it to a JDK HttpServer on
 * 127.0.0.1 (a private target, allowed by this test's SSRF guard) standing in for the chat platform.
 */
class NotifyOverSocketsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The kind of secret a Slack/Discord/Teams webhook URL carries in its path, and Telegram's bot token. */
    private static final String SECRET_PATH = "/services/T0SECRET/B0SECRET/XyZsEcReTtOkEn0123456789";

    /** Maps {"title","severity","status","description","link"} to one alert. */
    private static final PayloadMapper ONE_ALERT = (payload, request) -> List.of(Alert.builder()
            .title(payload.path("title").asText())
            .severity(Severity.fromId(payload.path("severity").asText()).orElse(Severity.INFO))
            .status(AlertStatus.fromId(payload.path("status").asText()).orElse(AlertStatus.TRIGGER))
            .description(payload.path("description").asText())
            .links(payload.hasNonNull("link") ? List.of(payload.get("link").asText()) : List.of())
            .source("test").build());

    private CaptureServer target;
    private WebhookDispatcher dispatcher;
    private SubscriptionRegistry subscriptions;

    @BeforeEach
    void start() throws Exception {
        target = CaptureServer.start();
        subscriptions = SubscriptionRegistry.inMemory();
        dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions)
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .pollInterval(Duration.ofMillis(10)).workers(2).httpClients(1).build();
    }

    @AfterEach
    void stop() {
        dispatcher.close(Duration.ofSeconds(2));
        target.close();
    }

    /** A format, and what its body says the colour (or emoji) is. */
    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("slack", NotifyFormat.slack(), tone(b -> b.at("/attachments/0/color").asText()), "#D32F2F", "#2E7D32"),
                Arguments.of("teams", NotifyFormat.teams(), tone(b -> b.at("/attachments/0/content/body/0/style").asText()), "attention", "good"),
                Arguments.of("webex", NotifyFormat.webexRoom("Y2lzY29zcGFyazovL3VzL1JPT00v"), tone(b -> b.get("markdown").asText().substring(2, 4)),
                        "\uD83D\uDD34", "\u2705 "),
                Arguments.of("discord", NotifyFormat.discord(), tone(b -> Integer.toHexString(b.at("/embeds/0/color").asInt())), "d32f2f", "2e7d32"),
                Arguments.of("telegram", NotifyFormat.telegram("-1001234567890"), tone(b -> b.get("text").asText().substring(0, 2)),
                        "\uD83D\uDD34", "\u2705 "),
                Arguments.of("json", NotifyFormat.json(), tone(b -> b.get("color").asText()), "#D32F2F", "#2E7D32"));
    }

    private static Function<JsonNode, String> tone(Function<JsonNode, String> f) {
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void criticalFiringAndResolvedAlertsArriveInTheTargetsShapeAndColour(String name, NotifyFormat format,
            Function<JsonNode, String> tone, String firingTone, String resolvedTone) throws Exception {
        WebhookReceiver receiver = receiverNotifying(name, format, null);

        CaptureServer.Captured firing = send(receiver, "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\",\"status\":\"trigger\","
                + "\"description\":\"Only 1% left\",\"link\":\"https://grafana.example.com/d/1\"}");
        assertThat(firing.method()).isEqualTo("POST");
        assertThat(firing.path()).isEqualTo(SECRET_PATH);
        assertThat(firing.header("Content-Type")).startsWith("application/json");
        assertThat(firing.header("X-Webhook-Signature")).as("unsigned: the URL is the credential").isNull();
        JsonNode body = Examples.JSON.readTree(firing.body());
        assertThat(tone.apply(body)).isEqualTo(firingTone);
        assertShape(name, body);

        JsonNode resolved = Examples.JSON.readTree(send(receiver, "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\","
                + "\"status\":\"resolve\",\"description\":\"Back to 40%\"}").body());
        assertThat(tone.apply(resolved)).isEqualTo(resolvedTone);
        assertShape(name, resolved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void hostileAlertTextIsNeutralisedOnTheWire(String name, NotifyFormat format, Function<JsonNode, String> tone,
            String firingTone, String resolvedTone) throws Exception {
        WebhookReceiver receiver = receiverNotifying(name, format, null);
        String hostile = Examples.JSON.writeValueAsString(Examples.HOSTILE);
        String wire = send(receiver, "{\"title\":" + hostile + ",\"severity\":\"warning\",\"description\":" + hostile + "}").bodyText();
        JsonNode body = Examples.JSON.readTree(wire);
        switch (name) {
            case "slack":
                assertThat(body.toString()).doesNotContain("<!channel>").doesNotContain("<@U024BE7LH>");
                assertThat(body.at("/blocks/1/text/text").asText()).contains("&lt;!channel&gt;");
                break;
            case "teams":
                assertThat(body.at("/attachments/0/content/body/1/text").asText()).contains("\\*\\*bold\\*\\*").doesNotContain("@everyone");
                assertThat(body.at("/attachments/0/content/msteams/entities").isMissingNode()).isTrue();
                break;
            case "webex":
                assertThat(body.get("markdown").asText()).doesNotContain("<@all>").doesNotContain("<@personEmail:").doesNotContain("<");
                break;
            case "discord":
                assertThat(body.at("/allowed_mentions/parse").isArray()).isTrue();
                assertThat(body.at("/allowed_mentions/parse")).isEmpty();
                assertThat(body.get("content").asText()).doesNotContain("@everyone").doesNotContain("@here");
                break;
            case "telegram":
                assertThat(body.get("parse_mode").asText()).isEqualTo("MarkdownV2");
                assertThat(body.get("text").asText()).contains("\\*\\*bold\\*\\*").contains("\\[click\\]\\(https://evil\\.example/x\\)")
                        .contains("\\{x\\}\\.\\!");
                break;
            default:
                assertThat(body.get("text").asText()).isEqualTo(Examples.HOSTILE); // JSON is not markup
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void aPerTargetTemplateReplacesTheEndpointsMessage(String name, NotifyFormat format, Function<JsonNode, String> tone,
            String firingTone, String resolvedTone) throws Exception {
        WebhookReceiver receiver = receiverNotifying(name, format, "On call: {{alert.title}} is {{alert.status}}");
        String wire = send(receiver, "{\"title\":\"Disk\",\"severity\":\"info\",\"description\":\"ignored\"}").bodyText();
        assertThat(wire).contains("On call").doesNotContain("ignored");
    }

    private WebhookReceiver receiverNotifying(String id, NotifyFormat format, String template) {
        subscriptions.create(NotifyTargets.subscription(id, target.url(SECRET_PATH)).build());
        NotifyAction.Builder action = NotifyAction.builder(dispatcher, id, format);
        if (template != null) {
            action.template(template);
        }
        Endpoint endpoint = Endpoint.builder("alerts").allowUnsigned().mapper(ONE_ALERT)
                .messageTemplate("{{alert.description}}").handler(action.build()).build();
        return WebhookReceiver.builder().endpoint(endpoint).build();
    }

    private CaptureServer.Captured send(WebhookReceiver receiver, String json) throws Exception {
        ReceiveResult result = receiver.receive("alerts", WebhookRequest.post(json.getBytes(StandardCharsets.UTF_8),
                Headers.of("Content-Type", "application/json")));
        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        return target.next(WAIT);
    }

    /** The documented shape of each target, on what actually crossed the socket. */
    private static void assertShape(String name, JsonNode body) {
        switch (name) {
            case "slack":
                assertThat(body.get("text").isTextual()).isTrue();
                assertThat(body.at("/blocks/0/type").asText()).isEqualTo("header");
                assertThat(body.at("/attachments/0/color").asText()).matches("#[0-9A-F]{6}");
                break;
            case "teams":
                JsonNode example = Examples.json("teams-workflow-adaptive-card.json");
                assertThat(body.get("type")).isEqualTo(example.get("type"));
                assertThat(body.at("/attachments/0/contentType")).isEqualTo(example.at("/attachments/0/contentType"));
                assertThat(body.at("/attachments/0/content/type")).isEqualTo(example.at("/attachments/0/content/type"));
                break;
            case "webex":
                assertThat(body.get("roomId").isTextual()).isTrue();
                assertThat(body.get("markdown").isTextual()).isTrue();
                break;
            case "discord":
                assertThat(body.get("content").asText().length()).isLessThanOrEqualTo(2000);
                assertThat(body.get("embeds").size()).isBetween(1, 10);
                break;
            case "telegram":
                assertThat(body.get("chat_id").isIntegralNumber()).isTrue();
                assertThat(body.get("text").asText().length()).isLessThanOrEqualTo(4096);
                break;
            default:
                assertThat(body.get("title").asText()).isEqualTo("Disk full on db-1");
        }
    }
}
