package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.Handshake;
import dev.webhookkit.verify.spi.SnsCertificateSource;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS signs every customer's SNS messages with the same certificates, so a valid signature alone
 * says nothing about whose topic sent it. The TopicArn allowlist binds an endpoint to its topics;
 * the messages here are correctly signed (with the test CA's key, see {@link SnsSchemeTest}).
 */
class SnsSenderBindingTest {
    static final String OURS = "arn:aws:sns:us-east-1:123456789012:prod-alarms";
    static final String FOREIGN = "arn:aws:sns:us-east-1:999999999999:prod-alarms";

    final List<URI> certificateFetches = new CopyOnWriteArrayList<>();
    final List<URI> confirmed = new CopyOnWriteArrayList<>();
    final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void loadKey() throws Exception {
        SnsSchemeTest.loadTestKey();
    }

    SchemeOptions.Builder options() {
        return SchemeOptions.builder().snsCertificateSource(url -> {
            certificateFetches.add(url);
            return SnsSchemeTest.certificate;
        });
    }

    Endpoint.Builder confirmingEndpoint(SignatureScheme scheme) {
        return Endpoint.builder("aws").verifier(scheme).handler(EventHandler.of(handled::add))
                .handshakes(List.of(Handshake.snsSubscriptionConfirmation(confirmed::add)));
    }

    WebhookReceiver receiver() {
        return WebhookReceiver.builder().endpoint(confirmingEndpoint(Schemes.sns(options().snsTopicArns(OURS).build())).build()).build();
    }

    @Test
    void anEndpointConfirmingSubscriptionsWithoutATopicAllowlistDoesNotBuild() {
        assertThatThrownBy(() -> confirmingEndpoint(Schemes.sns(options().build())).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("endpoint 'aws'")
                .hasMessageContaining("sns")
                .hasMessageContaining("snsTopicArns");
        assertThatThrownBy(() -> confirmingEndpoint(Schemes.sns()).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("snsTopicArns");
    }

    @Test
    void withAnAllowlistItBuildsAndWithoutConfirmationNoAllowlistIsNeeded() {
        assertThat(confirmingEndpoint(Schemes.sns(options().snsTopicArns(OURS).build())).build()).isNotNull();
        assertThat(Endpoint.builder("plain").verifier(Schemes.sns(options().build())).build()).isNotNull();
    }

    @Test
    void onlyAnAllowlistMakesSnsBindTheSender() {
        assertThat(Schemes.sns().bindsSender()).isFalse();
        assertThat(Schemes.sns(options().snsTopicArns(OURS).build()).bindsSender()).isTrue();
        assertThat(Schemes.github().bindsSender()).as("a secret only the sender holds binds it").isTrue();
    }

    @Test
    void aCorrectlySignedConfirmationFromAForeignTopicIsRefusedAndNeverConfirmed() throws Exception {
        ObjectNode foreign = SnsSchemeTest.confirmation().put("TopicArn", FOREIGN);
        try (WebhookReceiver receiver = receiver()) {
            ReceiveResult result = receiver.receive("aws", SnsSchemeTest.request(SnsSchemeTest.signed(foreign), SnsSchemeTest.SENT));
            assertThat(result.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            assertThat(result.status()).isEqualTo(401);
        }
        assertThat(confirmed).as("SubscribeURL never fetched").isEmpty();
        assertThat(certificateFetches).as("refused before the certificate is fetched").isEmpty();
    }

    @Test
    void aCorrectlySignedNotificationFromAForeignTopicIsRefused() throws Exception {
        ObjectNode foreign = SnsSchemeTest.notification("2").put("TopicArn", FOREIGN);
        try (WebhookReceiver receiver = receiver()) {
            assertThat(receiver.receive("aws", SnsSchemeTest.request(SnsSchemeTest.signed(foreign), SnsSchemeTest.SENT)).reason())
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void ourTopicIsConfirmedAndItsNotificationsHandled() throws Exception {
        try (WebhookReceiver receiver = receiver()) {
            assertThat(receiver.receive("aws", SnsSchemeTest.request(SnsSchemeTest.signed(SnsSchemeTest.confirmation()),
                    SnsSchemeTest.SENT)).reason()).isEqualTo(Reason.HANDSHAKE);
            assertThat(receiver.receive("aws", SnsSchemeTest.request(SnsSchemeTest.signed(SnsSchemeTest.notification("2")),
                    SnsSchemeTest.SENT)).reason()).isEqualTo(Reason.PROCESSED);
        }
        assertThat(confirmed).extracting(URI::getHost).containsExactly("sns.us-east-1.amazonaws.com");
        assertThat(handled).hasSize(1);
    }

    @Test
    void aMessageWithoutTopicArnIsRefusedWhenAnAllowlistIsSet() throws Exception {
        ObjectNode none = SnsSchemeTest.notification("2");
        none.remove("TopicArn");
        SignatureScheme scheme = Schemes.sns(options().snsTopicArns(OURS).build());
        assertThat(scheme.verify(SnsSchemeTest.request(none.put("Signature", "AAAA"), SnsSchemeTest.SENT), SecretSet.empty()).isValid())
                .isFalse();
        assertThat(certificateFetches).isEmpty();
    }

    @Test
    void topicArnsAreValidated() {
        assertThatThrownBy(() -> SchemeOptions.builder().snsTopicArns("prod-alarms"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("snsTopicArns").hasMessageContaining("prod-alarms");
        assertThat(SchemeOptions.builder().snsTopicArns(OURS).build().toBuilder().build().snsTopicArns()).containsExactly(OURS);
        assertThat(SnsCertificateSource.DEFAULT_CACHE_ENTRIES).isEqualTo(64);
    }
}
