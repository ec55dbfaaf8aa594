package dev.webhookkit.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.internal.Handshakes;
import java.net.URI;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers a provider's handshake (a verification request that is not an event) after the
 * signature was verified. Returns the response to send, or empty when the request is not this
 * handshake. Thread-safe.
 */
@FunctionalInterface
public interface Handshake {

    Optional<HandlerResponse> answer(WebhookRequest request, JsonNode payload);

    /**
     * True for handshakes that act on the sender's word (subscribing to an SNS topic), so an
     * endpoint whose signing verifier does not {@linkplain SignatureVerifier#bindsSender() bind the
     * sender} refuses to build with them.
     */
    default boolean requiresBoundSender() {
        return false;
    }

    /** Slack's {@code {"type":"url_verification","challenge":…}}: echoes the challenge. */
    static Handshake slackUrlVerification() {
        return Handshakes.SLACK_URL_VERIFICATION;
    }

    /** GitHub's {@code X-GitHub-Event: ping} sent when a hook is created: answered 200. */
    static Handshake githubPing() {
        return Handshakes.GITHUB_PING;
    }

    /**
     * Discord's interactions PING ({@code {"type":1}}, sent when the endpoint URL is saved and from
     * time to time): answered {@code {"type":1}} with 200, after the signature was verified.
     */
    static Handshake discordPing() {
        return Handshakes.DISCORD_PING;
    }

    /**
     * AWS SNS {@code SubscriptionConfirmation}: confirms by calling {@code confirmer} with the
     * {@code SubscribeURL}, after checking it is HTTPS on an {@code sns.<region>.amazonaws.com}
     * host. The confirmer does the GET (an HTTP client of the host's choice); return false to refuse.
     */
    static Handshake snsSubscriptionConfirmation(Predicate<URI> confirmer) {
        return new Handshakes.SnsSubscriptionConfirmation(confirmer);
    }
}
