package dev.webhookkit.examples;

import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.Envelope;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes events to subscribers with webhook-outbound: a {@link WebhookDispatcher} with one
 * subscription, three events, then the delivery log.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.webhookkit.examples.SenderExample [-Dexec.args="<url> <secret>"]}. Without a URL
 * it starts a {@link ReceiverExample} in this process and subscribes its {@code generic} endpoint.
 */
public final class SenderExample {
    /** How long {@link #main} waits for every message to be delivered or given up. */
    static final Duration DELIVERY_DEADLINE = Duration.ofSeconds(30);

    private SenderExample() {
    }

    /**
     * A dispatcher with one subscription, {@code example}: every {@code alert.*} event, to
     * {@code url}, signed with HMAC-SHA256 ({@code X-Webhook-Signature: sha256=<hex>}) and this secret.
     */
    public static WebhookDispatcher dispatcher(URI url, String secret) {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                // The guard refuses loopback and private addresses unless allowed: we send to 127.0.0.1.
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build())
                // The generic mapper reads alert fields at the top level, so send the data unwrapped;
                // the event type travels in the X-Webhook-Event header.
                .envelope(Envelope.dataOnly())
                // Retry within seconds rather than the default's hours, so an example never waits long.
                .retryPolicy(RetryPolicy.builder().schedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2)).build())
                .workers(2)
                .httpClients(1)
                .build();
        dispatcher.subscriptions().create(Subscription.builder("example", url.toString())
                .secret(secret)
                .scheme("hmac-sha256")
                .eventTypes("alert.*")
                .timeout(Duration.ofSeconds(5))
                .build());
        return dispatcher;
    }

    /** An alert in the generic format ({@code docs/mapping.md}): what a monitoring tool would publish. */
    public static Map<String, Object> alert(String summary, String severity, String status, String dedupKey) {
        return Map.of("summary", summary, "severity", severity, "status", status, "dedup_key", dedupKey,
                "source", "example-monitor", "service", "checkout");
    }

    /**
     * Waits until every message is delivered or given up.
     *
     * @throws IllegalStateException naming the messages still pending at the deadline
     */
    public static void awaitFinished(WebhookDispatcher dispatcher, List<String> messageIds, Duration deadline)
            throws InterruptedException {
        Await.until(deadline, "messages delivered or given up: " + messageIds, () -> messageIds.stream()
                .allMatch(id -> dispatcher.log().message(id).map(m -> m.status().isFinished()).orElse(false)));
    }

    public static void main(String[] args) throws Exception {
        ReceiverExample local = args.length == 0 ? ReceiverExample.start(0, ReceiverExample.Secrets.demo()) : null;
        URI url = local != null ? local.endpointUri("generic") : URI.create(args[0]);
        String secret = args.length > 1 ? args[1] : ReceiverExample.Secrets.demo().generic();
        try (WebhookDispatcher dispatcher = dispatcher(url, secret)) {
            List<String> ids = new ArrayList<>();
            ids.addAll(dispatcher.publish("alert.firing", alert("Checkout latency above 2 s", "critical", "firing", "latency-checkout")));
            ids.addAll(dispatcher.publish("alert.resolved", alert("Checkout latency above 2 s", "critical", "resolved", "latency-checkout")));
            ids.addAll(dispatcher.publish("alert.firing", alert("Nightly report generated", "info", "firing", "report-nightly")));
            System.out.println("Published " + ids.size() + " messages to " + url);
            awaitFinished(dispatcher, ids, DELIVERY_DEADLINE);
            System.out.println();
            System.out.print(Tables.deliveryLog(Delivery.of(dispatcher, ids)));
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }
}
