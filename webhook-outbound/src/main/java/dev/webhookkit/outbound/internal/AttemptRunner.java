package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.UrlCheck;
import dev.webhookkit.outbound.UrlRejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One attempt: checks the URL against the SSRF guard, signs, sends once and classifies the result. */
final class AttemptRunner {
    private final Clock clock;
    private final SsrfGuard ssrfGuard;
    private final HttpTransport transport;

    AttemptRunner(Clock clock, SsrfGuard ssrfGuard, HttpTransport transport) {
        this.clock = clock;
        this.ssrfGuard = ssrfGuard;
        this.transport = transport;
    }

    /** Never throws except when interrupted. */
    AttemptResult run(Subscription sub, String messageId, String eventType, byte[] body, int number, int lane) throws InterruptedException {
        Instant started = clock.instant();
        String url = sub.url().toString();
        UrlCheck check = ssrfGuard.check(sub.url());
        if (!check.isAllowed()) {
            boolean dns = check.rejection().orElseThrow() == UrlRejection.UNRESOLVABLE_HOST;
            return new AttemptResult(DeliveryAttempt.failed(messageId, sub.id(), number, url, started, Duration.ZERO,
                    dns ? AttemptOutcome.CONNECTION_ERROR : AttemptOutcome.BLOCKED,
                    (dns ? "" : "blocked by the SSRF guard (" + check.rejection().orElseThrow() + "): ") + check.detail()), Optional.empty());
        }
        List<String> headers;
        try {
            headers = headers(sub, messageId, eventType, body, started);
        } catch (RuntimeException e) {
            // Scheme errors name the problem ("no active secret"), never the secret.
            return new AttemptResult(DeliveryAttempt.failed(messageId, sub.id(), number, url, started, Duration.ZERO, AttemptOutcome.NOT_SENT,
                    "could not sign with " + sub.signer().schemeId() + ": " + e.getMessage()), Optional.empty());
        }
        TransportResult r = transport.post(lane, sub.url(), body, headers, sub.timeout());
        Duration latency = Duration.ofNanos(r.latencyNanos());
        DeliveryAttempt attempt = r.answered()
                ? DeliveryAttempt.answered(messageId, sub.id(), number, url, started, latency, r.statusCode(), r.snippet())
                : DeliveryAttempt.failed(messageId, sub.id(), number, url, started, latency, r.failure(), r.error());
        return new AttemptResult(attempt, r.retryAfter());
    }

    /**
     * The request headers as name, value pairs: ours, then the signature scheme's (which may repeat
     * the id and timestamp under its own names, as Standard Webhooks does), then the subscription's
     * extra ones (validated not to clash with ours).
     */
    private static List<String> headers(Subscription sub, String messageId, String eventType, byte[] body, Instant signedAt) {
        Headers signature = sub.signer().sign(SigningInput.of(messageId, signedAt, body, sub.url().toString()), sub.secrets());
        List<String> h = new ArrayList<>(16);
        addUnlessSigned(h, signature, "Content-Type", "application/json");
        addUnlessSigned(h, signature, "User-Agent", Version.USER_AGENT);
        addUnlessSigned(h, signature, "X-Webhook-Id", messageId);
        addUnlessSigned(h, signature, "X-Webhook-Event", eventType);
        addUnlessSigned(h, signature, "X-Webhook-Timestamp", Long.toString(signedAt.getEpochSecond()));
        addPairs(h, signature);
        addPairs(h, sub.headers());
        return h;
    }

    /** A scheme that sets one of our headers itself (its own timestamp format …) wins. */
    private static void addUnlessSigned(List<String> out, Headers signature, String name, String value) {
        if (!signature.contains(name)) {
            out.add(name);
            out.add(value);
        }
    }

    private static void addPairs(List<String> out, Headers headers) {
        for (String name : headers.names()) {
            for (String value : headers.all(name)) {
                out.add(name);
                out.add(value);
            }
        }
    }
}
