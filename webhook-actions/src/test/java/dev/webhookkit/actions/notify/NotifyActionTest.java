package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.TemplateRenderer;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotifyActionTest {
    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    private CaptureServer target;
    private SubscriptionRegistry subscriptions;
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void start() throws Exception {
        target = CaptureServer.start();
        subscriptions = SubscriptionRegistry.inMemory();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(2));
        }
        target.close();
    }

    private WebhookDispatcher dispatcher(SsrfGuard guard) {
        dispatcher = WebhookDispatcher.builder().subscriptions(subscriptions).ssrfGuard(guard)
                .pollInterval(Duration.ofMillis(10)).workers(2).httpClients(1).build();
        return dispatcher;
    }

    @Test
    void toStringNamesTheSubscriptionButNeverTheBotTokenInTheUrl() throws Exception {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        subscriptions.create(NotifyTargets.subscription("tg", target.url("/bot" + TOKEN + "/sendMessage")).build());
        NotifyAction action = NotifyAction.builder(dispatcher, "tg", NotifyFormat.telegram("42")).build();
        assertThat(action.toString()).contains("tg").contains("telegram").doesNotContain(TOKEN).doesNotContain("/bot");

        action.handle(event(Alert.builder().title("up").severity(Severity.INFO).status(AlertStatus.TRIGGER).source("t").build()));
        CaptureServer.Captured sent = target.next(Duration.ofSeconds(10));
        assertThat(sent.path()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        assertThat(Examples.JSON.readTree(sent.body()).get("chat_id").asInt()).isEqualTo(42);
    }

    /** The docs' Webex example: the bot token travels as the subscription's Authorization header. */
    @Test
    void webexTargetsSendTheBotsAuthorizationHeader() throws Exception {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        subscriptions.create(NotifyTargets.subscription("webex", target.url("/v1/messages"))
                .header("Authorization", "Bearer bot-token-123").build());
        NotifyAction.builder(dispatcher, "webex", NotifyFormat.webexPerson("oncall@example.com")).build()
                .handle(event(Alert.builder().title("up").severity(Severity.INFO).status(AlertStatus.TRIGGER).source("t").build()));
        CaptureServer.Captured sent = target.next(Duration.ofSeconds(10));
        assertThat(sent.header("Authorization")).isEqualTo("Bearer bot-token-123");
        assertThat(sent.header("X-Webhook-Event")).isEqualTo("notify.webex");
        assertThat(Examples.JSON.readTree(sent.body()).get("toPersonEmail").asText()).isEqualTo("oncall@example.com");
    }

    @Test
    void telegramsSendMessageUrlHoldsTheTokenAndABadTokenIsRefusedWithoutShowingIt() {
        assertThat(NotifyTargets.telegramSendMessageUrl(TOKEN)).isEqualTo("https://api.telegram.org/bot" + TOKEN + "/sendMessage");
        assertThat(NotifyTargets.redact(URI.create(NotifyTargets.telegramSendMessageUrl(TOKEN)))).isEqualTo("https://api.telegram.org/\u2026");
        assertThatThrownBy(() -> NotifyTargets.telegramSendMessageUrl("oops/../secret-value"))
                .isInstanceOf(ConfigurationException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
    }

    @Test
    void aQueuedNotificationIsAnOkOutcomeNamingTheMessage() throws Exception {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        subscriptions.create(NotifyTargets.subscription("ops", target.url("/hook")).build());
        NotifyAction action = NotifyAction.builder(dispatcher, "ops", NotifyFormat.slack()).build();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("alerts").allowUnsigned().handler(action).build()).build();
        ReceiveResult result = receiver.receive("alerts", WebhookRequest.post("{}".getBytes(StandardCharsets.UTF_8), Headers.empty()));
        assertThat(result.reason()).isEqualTo(Reason.PROCESSED);
        assertThat(result.response().isEmpty()).as("notifying never changes what the sender gets back").isTrue();
        ActionOutcome outcome = receiver.eventLog().find(result.eventId()).orElseThrow().actions().get(0);
        assertThat(outcome.name()).isEqualTo("notify.ops");
        assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.OK);
        assertThat(outcome.detail()).startsWith("queued ").contains("(slack) to ops");
        String messageId = outcome.detail().split(" ")[1];
        assertThat(dispatcher.log().message(messageId)).isPresent();
        target.next(Duration.ofSeconds(10));
    }

    @Test
    void anUnknownSubscriptionIsAFailedOutcomeNamingOnlyItsId() {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        NotifyAction action = NotifyAction.builder(dispatcher, "missing", NotifyFormat.slack()).name("page-ops").build();
        ActionOutcome outcome = action.handle(event(Alert.builder().title("x").severity(Severity.ERROR).status(AlertStatus.TRIGGER)
                .source("t").build())).actions().get(0);
        assertThat(outcome.name()).isEqualTo("page-ops");
        assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.FAILED);
        assertThat(outcome.detail()).contains("(slack) to missing").contains("NotFoundException");

        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("alerts").allowUnsigned().handler(action).build()).build();
        ReceiveResult result = receiver.receive("alerts", WebhookRequest.post("{}".getBytes(StandardCharsets.UTF_8), Headers.empty()));
        assertThat(result.reason()).as("a failed action is an outcome, not a failed event").isEqualTo(Reason.PROCESSED);
        assertThat(receiver.eventLog().find(result.eventId()).orElseThrow().actions()).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(ActionOutcome.Status.FAILED));
    }

    @Test
    void failuresNeverShowTheTargetUrlsSecretPath() {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        String secret = "/services/T0SECRET/B0SECRET/XyZsEcReTtOkEn0123456789";
        subscriptions.create(NotifyTargets.subscription("ops", target.url(secret + "?sig=s3cr3t")).build());
        dispatcher.close(Duration.ofSeconds(2)); // a closed dispatcher refuses the message
        NotifyAction action = NotifyAction.builder(dispatcher, "ops", NotifyFormat.discord()).build();
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(Endpoint.builder("alerts").allowUnsigned().handler(action).build()).build();
        ReceiveResult result = receiver.receive("alerts", WebhookRequest.post("{}".getBytes(StandardCharsets.UTF_8), Headers.empty()));
        EventRecord record = receiver.eventLog().find(result.eventId()).orElseThrow();
        assertThat(record.actions()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(ActionOutcome.Status.FAILED);
            assertThat(o.detail()).contains("to ops").doesNotContain("T0SECRET").doesNotContain("s3cr3t");
        });
        assertThat(record.toString()).doesNotContain("XyZsEcReTtOkEn");
    }

    /** A dispatcher error that quotes the URL (as a transport error might) is redacted before it leaves the action. */
    @Test
    void aDispatcherErrorQuotingTheUrlIsRedacted() {
        WebhookDispatcher real = dispatcher(SsrfGuard.builder().allowLoopback().build());
        String url = target.url("/api/webhooks/123/T0KEN-secret?thread_id=9&sig=s3cr3t");
        subscriptions.create(NotifyTargets.subscription("ops", url).build());
        WebhookDispatcher quoting = (WebhookDispatcher) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WebhookDispatcher.class}, (proxy, method, args) -> {
                    if (method.getName().equals("enqueue")) {
                        throw new IllegalStateException("cannot queue POST " + url + " (path /api/webhooks/123/T0KEN-secret)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        NotifyAction action = NotifyAction.builder(quoting, "ops", NotifyFormat.discord()).build();
        ActionOutcome outcome = action.handle(event(null)).actions().get(0);
        assertThat(outcome.status()).isEqualTo(ActionOutcome.Status.FAILED);
        assertThat(outcome.detail()).contains("to ops").contains("IllegalStateException").contains("127.0.0.1")
                .doesNotContain("T0KEN").doesNotContain("s3cr3t").doesNotContain("thread_id");
    }

    @Test
    void theDispatchersSsrfGuardStillAppliesToNotifyTargets() throws Exception {
        dispatcher(SsrfGuard.strict()); // 127.0.0.1 is not a public address
        subscriptions.create(NotifyTargets.subscription("ops", target.url("/hook")).maxAttempts(1).build());
        NotifyAction.builder(dispatcher, "ops", NotifyFormat.json()).build()
                .handle(event(Alert.builder().title("x").severity(Severity.INFO).status(AlertStatus.TRIGGER).source("t").build()));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<DeliveryAttempt> attempts = dispatcher.log().attemptsForSubscription("ops", 10);
        while (attempts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            attempts = dispatcher.log().attemptsForSubscription("ops", 10);
        }
        assertThat(attempts).isNotEmpty().allSatisfy(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.BLOCKED));
        assertThat(target.poll(Duration.ofMillis(200))).as("a request reached a loopback target through a strict guard").isNull();
    }

    @Test
    void aTemplateThatDoesNotCompileIsAConfigurationError() {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        TemplateRenderer broken = template -> {
            throw new ConfigurationException("unclosed tag");
        };
        assertThatThrownBy(() -> NotifyAction.builder(dispatcher, "ops", NotifyFormat.slack()).template("{{x", broken).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'ops'").hasMessageContaining("unclosed tag");
        assertThatThrownBy(() -> NotifyAction.builder(dispatcher, " ", NotifyFormat.slack()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("subscriptionId");
    }

    @Test
    void notificationTakesTheFirstAlertAndCountsTheOthers() {
        dispatcher(SsrfGuard.builder().allowLoopback().build());
        Alert first = Alert.builder().title("CPU hot").severity(Severity.CRITICAL).status(AlertStatus.ACKNOWLEDGE).source("t")
                .description("90% for 10m").links(List.of("javascript:alert(1)", "https://grafana.example.com/d/1")).build();
        Alert second = Alert.builder().title("Disk").severity(Severity.INFO).status(AlertStatus.TRIGGER).source("t").build();
        Notification n = NotifyAction.builder(dispatcher, "ops", NotifyFormat.json()).build().notificationOf(event(List.of(first, second), ""));
        assertThat(n.title()).isEqualTo("CPU hot (+1 more)");
        assertThat(n.text()).isEqualTo("90% for 10m");
        assertThat(n.severity()).contains(Severity.CRITICAL);
        assertThat(n.statusLabel()).isEqualTo("acknowledged");
        assertThat(n.link()).contains(URI.create("https://grafana.example.com/d/1")); // not the javascript: one

        Notification none = Notification.of(event(List.of(), "rendered"), "rendered");
        assertThat(none.title()).isEqualTo("alerts");
        assertThat(none.severity()).isEmpty();
        assertThat(Tone.of(none)).isEqualTo(Tone.NEUTRAL);
        assertThatThrownBy(() -> Notification.builder("x").link(URI.create("ftp://example.com/")))
                .isInstanceOf(ConfigurationException.class);
    }

    private static WebhookEvent event(Alert alert) {
        return event(alert == null ? List.of() : List.of(alert), "");
    }

    private static WebhookEvent event(List<Alert> alerts, String message) {
        return new WebhookEvent("evt-1", Endpoint.builder("alerts").allowUnsigned().build(),
                WebhookRequest.post(new byte[0], Headers.empty()), MissingNode.getInstance(), "", alerts, message, Map.of(), "k", "");
    }
}
