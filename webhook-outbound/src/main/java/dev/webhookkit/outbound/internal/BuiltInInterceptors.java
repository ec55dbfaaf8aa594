package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.UrlCheck;
import dev.webhookkit.outbound.UrlRejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The steps every attempt takes, each a {@link DeliveryInterceptor}; {@link AttemptRunner} fixes their order. */
final class BuiltInInterceptors {
    private BuiltInInterceptors() {
    }

    /** Refuses a URL the SSRF guard rejects; an unresolvable host counts as a connection error (it may resolve later). */
    static DeliveryInterceptor ssrfCheck(SsrfGuard guard) {
        return chain -> {
            DeliveryRequest r = chain.request();
            UrlCheck check = guard.check(r.subscription().url());
            if (check.isAllowed()) {
                return chain.proceed(r);
            }
            UrlRejection rejection = check.rejection().orElseThrow();
            return rejection == UrlRejection.UNRESOLVABLE_HOST
                    ? r.notSent(AttemptOutcome.CONNECTION_ERROR, check.detail())
                    : r.notSent(AttemptOutcome.BLOCKED, "blocked by the SSRF guard (" + rejection + "): " + check.detail());
        };
    }

    /** Our own headers: content type, user agent (the subscription's, else the dispatcher's), message id, event type, timestamp. */
    static DeliveryInterceptor standardHeaders(String userAgent) {
        return chain -> {
            DeliveryRequest r = chain.request();
            List<String> h = new ArrayList<>(16);
            h.addAll(r.headers());
            h.addAll(List.of("Content-Type", "application/json",
                    "User-Agent", r.subscription().userAgent().orElse(userAgent),
                    "X-Webhook-Id", r.messageId(),
                    "X-Webhook-Event", r.eventType(),
                    "X-Webhook-Timestamp", Long.toString(r.startedAt().getEpochSecond())));
            return chain.proceed(r.withHeaders(h));
        };
    }

    /**
     * The signature scheme's headers, which may repeat the id and timestamp under their own names
     * (as Standard Webhooks does); a scheme that sets one of our headers itself wins. A signing
     * error ends the attempt unsent; its message names the problem ("no active secret"), never a secret.
     */
    static DeliveryInterceptor signing() {
        return chain -> {
            DeliveryRequest r = chain.request();
            Subscription sub = r.subscription();
            if (sub.unsigned()) {
                return chain.proceed(r);  // the subscription's explicit opt-in; the attempt is marked unsigned
            }
            Headers signature;
            try {
                signature = sub.signer().sign(SigningInput.of(r.messageId(), r.startedAt(), r.body(), r.url()), sub.secrets());
            } catch (RuntimeException e) {
                return r.notSent(AttemptOutcome.NOT_SENT, "could not sign with " + sub.signer().schemeId() + ": " + e.getMessage());
            }
            return chain.proceed(appended(r.withoutHeaders(signature::contains), signature));
        };
    }

    /** The subscription's extra headers (validated not to clash with ours). */
    static DeliveryInterceptor subscriptionHeaders() {
        return chain -> chain.proceed(appended(chain.request(), chain.request().subscription().headers()));
    }

    /**
     * The message's own headers ({@code WebhookDispatcher.enqueue}, validated there): a
     * {@code Content-Type} among them replaces ours (a forwarded form body keeps its own type); one
     * the signature or the subscription already set is left out, so neither can be overridden.
     */
    static DeliveryInterceptor messageHeaders() {
        return chain -> {
            DeliveryRequest r = chain.request();
            Headers own = r.messageHeaders();
            if (own.size() == 0) {
                return chain.proceed(r);
            }
            boolean ownType = own.contains("Content-Type");
            DeliveryRequest base = ownType ? r.withoutHeaders(n -> n.equalsIgnoreCase("Content-Type")) : r;
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < base.headers().size(); i += 2) {
                taken.add(base.headers().get(i).toLowerCase(Locale.ROOT));
            }
            List<String> h = new ArrayList<>(base.headers());
            for (String name : own.names()) {
                if (taken.contains(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (String value : own.all(name)) {
                    h.add(name);
                    h.add(value);
                }
            }
            return chain.proceed(base.withHeaders(h));
        };
    }

    /** The last step: sends the request once and classifies what came back. */
    static DeliveryInterceptor send(HttpTransport transport) {
        return chain -> {
            DeliveryRequest r = chain.request();
            Subscription sub = r.subscription();
            TransportResult t = transport.post(r.lane(), sub.url(), r.body(), r.headers(), sub.timeout());
            Duration latency = Duration.ofNanos(t.latencyNanos());
            DeliveryAttempt attempt = t.answered()
                    ? DeliveryAttempt.answered(r.messageId(), sub.id(), r.attemptNumber(), r.url(), r.startedAt(), latency, t.statusCode(), t.snippet())
                    : DeliveryAttempt.failed(r.messageId(), sub.id(), r.attemptNumber(), r.url(), r.startedAt(), latency, t.failure(), t.error());
            return new AttemptResult(attempt, t.retryAfter());
        };
    }

    private static DeliveryRequest appended(DeliveryRequest r, Headers headers) {
        List<String> h = new ArrayList<>(r.headers());
        for (String name : headers.names()) {
            for (String value : headers.all(name)) {
                h.add(name);
                h.add(value);
            }
        }
        return r.withHeaders(h);
    }
}
