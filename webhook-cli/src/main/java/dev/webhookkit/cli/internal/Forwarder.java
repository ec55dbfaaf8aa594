package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code listen --forward-to}: re-signs a verified request with the same scheme and secrets for the
 * new URL and time, and POSTs the same body bytes with the sender's other headers.
 */
final class Forwarder {
    /** Headers the HTTP client sets itself, or that describe the old connection. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "date", "expect", "from",
            "host", "upgrade", "via", "warning", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");
    /** Where the original delivery id is kept, so the forwarded copy carries the same one. */
    private static final List<String> MESSAGE_ID_HEADERS = List.of("webhook-id", "svix-id");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI target;
    private final SignatureScheme scheme;
    private final SecretSet secrets;
    private final Clock clock;
    private final HttpClient client;

    Forwarder(URI target, SignatureScheme scheme, SecretSet secrets, Clock clock) {
        this.target = target;
        this.scheme = scheme;
        this.secrets = secrets;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    URI target() {
        return target;
    }

    /** Forwards one request; returns the line to print ({@code forwarded: 200 from URL} or why not). */
    String forward(WebhookRequest original, String eventId) {
        String messageId = original.headers().firstOf(MESSAGE_ID_HEADERS).orElse(eventId);
        SigningInput input = new SigningInput(messageId, clock.instant().truncatedTo(ChronoUnit.SECONDS), original.body(),
                target.toString(), original.formParameters());
        Headers signature;
        try {
            signature = scheme.sign(input, secrets);
        } catch (ConfigurationException e) {
            return "forward failed: cannot sign with " + scheme.schemeId() + ": " + e.getMessage();
        }

        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(original.body()));
        original.headers().toMap().forEach((name, values) -> {
            if (!signature.contains(name) && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> addIfAllowed(request, name, v));
            }
        });
        signature.toMap().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return "forwarded: " + response.statusCode() + " from " + target;
        } catch (IOException e) {
            return "forward failed: " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
                    + " (" + target + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "forward interrupted (" + target + ")";
        }
    }

    private static void addIfAllowed(HttpRequest.Builder request, String name, String value) {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException restricted) {
            // A header the JDK client reserves for itself: the target gets its own value.
        }
    }
}
