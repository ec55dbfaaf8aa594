package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.Handshake;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The built-in provider handshakes. */
public final class Handshakes {
    private static final Logger LOG = LoggerFactory.getLogger(Handshakes.class);

    private Handshakes() {
    }

    public static final Handshake SLACK_URL_VERIFICATION = (request, payload) -> {
        if ("url_verification".equals(payload.path("type").asText()) && payload.path("challenge").isTextual()) {
            return Optional.of(HandlerResponse.text(payload.path("challenge").asText()));
        }
        return Optional.empty();
    };

    public static final Handshake GITHUB_PING = (request, payload) ->
            request.header("X-GitHub-Event").filter("ping"::equalsIgnoreCase)
                    .map(ping -> HandlerResponse.json("{\"pong\":true}"));

    /** Confirms SNS subscriptions through a caller-supplied GET, only to SNS hosts over HTTPS. */
    public static final class SnsSubscriptionConfirmation implements Handshake {
        private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
        private final Predicate<URI> confirmer;

        public SnsSubscriptionConfirmation(Predicate<URI> confirmer) {
            this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        }

        @Override
        public boolean requiresBoundSender() {
            return true;
        }

        @Override
        public Optional<HandlerResponse> answer(WebhookRequest request, JsonNode payload) {
            String type = request.header("x-amz-sns-message-type").orElse(payload.path("Type").asText());
            if (!"SubscriptionConfirmation".equals(type)) {
                return Optional.empty();
            }
            Optional<URI> url = snsUrl(payload.path("SubscribeURL").asText());
            if (url.isEmpty()) {
                LOG.warn("SNS SubscriptionConfirmation refused: SubscribeURL is not an https URL on an SNS host");
                return Optional.of(HandlerResponse.text("refused: SubscribeURL is not an SNS https URL"));
            }
            boolean confirmed = confirmer.test(url.get());
            return Optional.of(HandlerResponse.text(confirmed ? "subscription confirmed" : "subscription not confirmed"));
        }

        @Override
        public String toString() {
            return "Handshake[sns subscription confirmation]";
        }

        static Optional<URI> snsUrl(String text) {
            try {
                URI uri = URI.create(text);
                if ("https".equals(uri.getScheme()) && uri.getHost() != null && SNS_HOST.matcher(uri.getHost()).matches()
                        && uri.getUserInfo() == null && (uri.getPort() == -1 || uri.getPort() == 443)) {
                    return Optional.of(uri);
                }
            } catch (IllegalArgumentException e) {
                // not a URI: refused below
            }
            return Optional.empty();
        }
    }
}
