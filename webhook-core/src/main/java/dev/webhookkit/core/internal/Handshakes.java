package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.Handshake;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

    /**
     * Discord's interactions endpoint check: a verified {@code {"type":1,…}} (PING) is answered
     * {@code {"type":1}} (PONG). Only the number 1 counts, as Discord sends it: {@code "1"} is not a PING.
     */
    public static final Handshake DISCORD_PING = (request, payload) -> {
        JsonNode type = payload.path("type");
        if (type.isIntegralNumber() && type.canConvertToInt() && type.intValue() == 1) {
            return Optional.of(HandlerResponse.json("{\"type\":1}"));
        }
        return Optional.empty();
    };

    /**
     * Confirms SNS subscriptions through a caller-supplied GET, only for a SubscribeURL of the shape
     * SNS sends: {@code https://sns.<region>.amazonaws.com[.cn]/?Action=ConfirmSubscription&TopicArn=…&Token=…}
     * with no port, user or path, whose TopicArn is the message's own.
     */
    public static final class SnsSubscriptionConfirmation implements Handshake {
        private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-[0-9]+\\.amazonaws\\.com(\\.cn)?");
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
            Optional<URI> url = snsUrl(payload.path("SubscribeURL").asText(), payload.path("TopicArn").asText());
            if (url.isEmpty()) {
                LOG.warn("SNS SubscriptionConfirmation refused: SubscribeURL is not an SNS ConfirmSubscription URL for its topic");
                return Optional.of(HandlerResponse.text("refused: SubscribeURL is not an SNS https URL for this topic"));
            }
            boolean confirmed = confirmer.test(url.get());
            return Optional.of(HandlerResponse.text(confirmed ? "subscription confirmed" : "subscription not confirmed"));
        }

        @Override
        public String toString() {
            return "Handshake[sns subscription confirmation]";
        }

        static Optional<URI> snsUrl(String text, String topicArn) {
            try {
                URI uri = new URI(text);
                boolean shape = "https".equals(uri.getScheme()) && uri.getHost() != null && SNS_HOST.matcher(uri.getHost()).matches()
                        && uri.getRawUserInfo() == null && uri.getPort() == -1 && uri.getRawFragment() == null
                        && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()));
                if (shape && "ConfirmSubscription".equals(query(uri, "Action")) && !topicArn.isEmpty()
                        && topicArn.equals(query(uri, "TopicArn"))) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // not a URI: refused by the caller
            }
            return Optional.empty();
        }

        /** The one value of a query parameter, or null when it is absent or repeated. */
        private static String query(URI uri, String name) {
            String raw = uri.getRawQuery();
            if (raw == null) {
                return null;
            }
            String found = null;
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    if (found != null) {
                        return null;
                    }
                    found = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return found;
        }
    }
}
