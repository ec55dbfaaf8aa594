package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.testing.Receiver;
import dev.webhookkit.outbound.testing.Receiver.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unsigned subscriptions (explicit opt-in, marked in the log) and the User-Agent per dispatcher and per subscription, over a real socket. */
class DispatchUnsignedAndUserAgentTest extends DispatcherTestSupport {

    @Test
    void anUnsignedSubscriptionGetsNoSignatureAndItsAttemptsAreMarkedUnsigned() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("agnox", receiver.url()).unsigned());
        subscribe("signed", receiver.url("/signed"));
        start();

        List<String> ids = dispatcher.publish("incident.created", Map.of("id", 1));

        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        Receiver.Received unsigned = receiver.received().stream().filter(r -> r.path().equals("/hook")).findFirst().orElseThrow();
        assertThat(unsigned.headers().contains("X-Webhook-Signature")).isFalse();
        assertThat(unsigned.headers().first("X-Webhook-Id")).isPresent();
        List<DeliveryAttempt> unsignedAttempts = dispatcher.log().attemptsForSubscription("agnox", 10);
        assertThat(unsignedAttempts).singleElement().satisfies(a -> assertThat(a.unsigned()).isTrue());
        assertThat(dispatcher.log().attemptsForSubscription("signed", 10)).singleElement().satisfies(a -> assertThat(a.unsigned()).isFalse());
        Receiver.Received signed = receiver.received().stream().filter(r -> r.path().equals("/signed")).findFirst().orElseThrow();
        assertThat(verify("hmac-sha256", signed).isValid()).isTrue();
    }

    @Test
    void aTestSendToAnUnsignedSubscriptionIsMarkedToo() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe(Subscription.builder("agnox", receiver.url()).unsigned());
        start();

        DeliveryAttempt a = dispatcher.sendTest("agnox");

        assertThat(a.succeeded()).isTrue();
        assertThat(a.unsigned()).isTrue();
        assertThat(receiver.received().get(0).headers().contains("X-Webhook-Signature")).isFalse();
    }

    @Test
    void theDispatchersUserAgentAndASubscriptionsOwnAreSent() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("plain", receiver.url("/plain"));
        subscribe(Subscription.builder("own", receiver.url("/own")).secret(SECRET).userAgent("OpsKnight/3.0"));
        start(b -> b.userAgent("Moxxy-Relay/1.2"));

        List<String> ids = dispatcher.publish("incident.created", Map.of("id", 1));

        ids.forEach(id -> awaitStatus(id, DeliveryStatus.DELIVERED));
        assertThat(receiver.received()).hasSize(2).allSatisfy(r ->
                assertThat(r.headers().all("User-Agent")).containsExactly(r.path().equals("/own") ? "OpsKnight/3.0" : "Moxxy-Relay/1.2"));
    }

    @Test
    void theDefaultUserAgentStaysWebhookkitAndVersion() throws Exception {
        Receiver receiver = receiver((n, r) -> Answer.status(200));
        subscribe("plain", receiver.url());
        start();

        awaitStatus(dispatcher.publish("incident.created", Map.of("id", 1)).get(0), DeliveryStatus.DELIVERED);

        assertThat(receiver.received().get(0).headers().all("User-Agent")).containsExactly(WebhookDispatcher.Builder.DEFAULT_USER_AGENT);
        assertThat(WebhookDispatcher.Builder.DEFAULT_USER_AGENT).matches("webhookkit/\\S+");
    }

    @Test
    void aDispatcherUserAgentWithCrLfIsRefusedAtBuild() {
        assertThatThrownBy(() -> WebhookDispatcher.builder().userAgent("x\r\nX-Admin: yes"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("userAgent must be printable ASCII without CR, LF or other control characters, but has U+000D at index 1");
        assertThatThrownBy(() -> WebhookDispatcher.builder().userAgent("y".repeat(300)))
                .isInstanceOf(ConfigurationException.class).hasMessage("userAgent must be 1 to 256 characters but was 300");
    }

    @Test
    void userAgentStaysReservedAmongExtraHeaders() {
        assertThatThrownBy(() -> Subscription.builder("x", "https://x.example").secret(SECRET).header("User-Agent", "Mine/1").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'User-Agent' is set by the dispatcher");
    }
}
