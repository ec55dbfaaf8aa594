package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.admin.internal.StatsRoutes;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.DeliveryStore;
import dev.webhookkit.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /stats} and {@code GET /subscriptions/{id}/health} over real HTTP (JDK HttpServer), with
 * a real subscriber on 127.0.0.1: the counts are what was posted and delivered, per tenant, the
 * window is bounded, and the disable reason is the dispatcher's.
 */
class StatsAndHealthTest extends AdminTestSupport {
    private static final String SECRET = "stats-endpoint-secret-4b1d";
    private Subscriber subscriber;
    private WebhookDispatcher dispatcher;

    @Override
    protected AdminServer newServer() {
        return new JdkAdminServer();
    }

    @Override
    protected EventLog newEventLog() {
        return EventLog.inMemory(StatsRoutes.MAX_RECORDS + 100, 1024); // room for more than the stats read
    }

    @Override
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        try {
            subscriber = new Subscriber();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        dispatcher = WebhookDispatcher.builder().clock(clock).store(DeliveryStore.inMemory(1_000, clock))
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build()).retryPolicy(RetryPolicy.ofDefaults())
                .workers(2).pollInterval(Duration.ofMillis(20)).build();
        return builder.dispatcher(dispatcher).allowPrivateTargets(true);
    }

    @AfterEach
    void stopDispatcher() {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(5));
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void acmeSubscription(String id) {
        AdminClient.Reply r = http.post("/admin/subscriptions", ALL, "{\"id\":\"" + id + "\",\"tenant\":\"acme\",\"url\":\""
                + subscriber.url("/hooks/" + id) + "\",\"secret\":\"sub-secret-0a9f\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String publishOne(String eventType) {
        AdminClient.Reply r = http.post("/admin/messages", ALL, "{\"eventType\":\"" + eventType + "\",\"data\":{\"n\":1}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("ids")).hasSize(1);
        return r.json().path("ids").get(0).asText();
    }

    private void awaitStatus(String messageId, String status) {
        Poll.until("message " + messageId + " " + status, Duration.ofSeconds(10),
                () -> http.get("/admin/messages/" + messageId, ALL).json(), m -> m.path("status").asText().equals(status));
    }

    private static JsonNode bucket(JsonNode stats, String minute) {
        for (JsonNode b : stats.path("buckets")) {
            if (b.path("minute").asText().equals(minute)) {
                return b;
            }
        }
        throw new AssertionError("no bucket " + minute + " in " + stats);
    }

    private static long sum(JsonNode counts) {
        long n = 0;
        for (JsonNode c : counts) {
            n += c.asLong();
        }
        return n;
    }

    @Test
    void statsCountWhatWasReceivedAndDeliveredPerMinuteForTheCallersTenantOnly() {
        createEndpoint(ALL, "{\"name\":\"orders\",\"tenant\":\"acme\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"" + SECRET + "\"]}");
        assertThat(postSigned("orders", SECRET, "{\"n\":1}").status()).isEqualTo(200);
        assertThat(postSigned("orders", SECRET, "{\"n\":2}").status()).isEqualTo(200);
        assertThat(postSigned("orders", "not-the-secret", "{\"n\":3}").status()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(1));
        assertThat(postSigned("orders", SECRET, "{\"n\":4}").status()).isEqualTo(200);
        acmeSubscription("acme-hooks");
        awaitStatus(publishOne("order.paid"), "delivered");
        awaitStatus(publishOne("order.paid"), "delivered");

        AdminClient.Reply r = http.get("/admin/stats?minutes=5", ACME);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode stats = r.json();
        assertThat(stats.path("minutes").asInt()).isEqualTo(5);
        assertThat(stats.path("buckets")).hasSize(5);
        assertThat(stats.path("from").asText()).isEqualTo("2026-12-03T11:57:00Z");
        assertThat(stats.path("truncated").path("received").asBoolean()).isFalse();
        assertThat(stats.path("truncated").path("delivered").asBoolean()).isFalse();
        JsonNode first = bucket(stats, "2026-12-03T12:00:00Z");
        assertThat(sum(first.path("received"))).as(first.toString()).isEqualTo(3);
        assertThat(first.path("received").path("SIGNATURE_MISMATCH").asLong()).isEqualTo(1);
        assertThat(sum(first.path("delivered"))).isZero();
        JsonNode second = bucket(stats, "2026-12-03T12:01:00Z");
        assertThat(sum(second.path("received"))).as(second.toString()).isEqualTo(1);
        assertThat(second.path("delivered").path("success").asLong()).as(second.toString()).isEqualTo(2);
        assertThat(sum(second.path("delivered"))).isEqualTo(2);

        // Another tenant's caller sees none of it.
        JsonNode globex = http.get("/admin/stats?minutes=5", GLOBEX).json();
        long seen = 0;
        for (JsonNode b : globex.path("buckets")) {
            seen += sum(b.path("received")) + sum(b.path("delivered"));
        }
        assertThat(seen).as(globex.toString()).isZero();
        // The default window is an hour.
        assertThat(http.get("/admin/stats", ALL).json().path("buckets")).hasSize(60);
    }

    @Test
    void moreEventsThanTheCapAreReportedAsTruncatedWithWhereTheCountsAreWhole() {
        createEndpoint(ALL, "{\"name\":\"bulk\",\"scheme\":\"hmac-sha256\",\"secrets\":[\"" + SECRET + "\"]}");
        int older = 50;
        for (int i = 0; i < StatsRoutes.MAX_RECORDS + older; i++) {
            if (i == older) {
                clock.advance(Duration.ofMinutes(1)); // the first 50 are a minute older than the rest
            }
            byte[] body = ("{\"n\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            WebhookRequest signed = WebhookRequest.builder().body(body)
                    .headers(Headers.of("Content-Type", "application/json", "X-Webhook-Signature", "sha256=" + hmacHex(SECRET, body))).build();
            assertThat(receiver.receive("bulk", signed).reason()).isEqualTo(Reason.PROCESSED);
        }

        JsonNode stats = http.get("/admin/stats?minutes=3", ALL).json();

        assertThat(stats.path("maxRecords").asInt()).isEqualTo(StatsRoutes.MAX_RECORDS);
        assertThat(stats.path("truncated").path("received").asBoolean()).as(stats.toString()).isTrue();
        assertThat(stats.path("truncated").path("delivered").asBoolean()).isFalse();
        assertThat(stats.path("completeFrom").path("received").asText()).isEqualTo("2026-12-03T12:01:00Z");
        long counted = 0;
        for (JsonNode b : stats.path("buckets")) {
            counted += sum(b.path("received"));
        }
        assertThat(counted).isEqualTo(StatsRoutes.MAX_RECORDS);
        assertThat(bucket(stats, "2026-12-03T12:01:00Z").path("received").path("PROCESSED").asLong()).isEqualTo(StatsRoutes.MAX_RECORDS);
        assertThat(sum(bucket(stats, "2026-12-03T12:00:00Z").path("received"))).as("cut off by the cap").isZero();
    }

    @Test
    void theWindowIsBoundedAndBadParametersAreTypedErrors() {
        assertError(http.get("/admin/stats?minutes=10000000", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/stats?minutes=1441", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/stats?minutes=0", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/stats?minutes=99999999999999999999", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/stats?minutes=lots", ALL), 400, "invalid_parameter");
        assertError(http.get("/admin/stats?since=2026-01-01T00:00:00Z", ALL), 400, "invalid_parameter");
        assertThat(http.get("/admin/stats", null).status()).isEqualTo(401);
        assertThat(http.get("/admin/stats?minutes=1440", ALL).json().path("buckets")).hasSize(1440);
    }

    @Test
    void healthShowsTheRecentSuccessRateAndWhyTheDispatcherDisabledTheSubscription() {
        acmeSubscription("acme-hooks");
        JsonNode fresh = http.get("/admin/subscriptions/acme-hooks/health", ACME).json();
        assertThat(fresh.path("enabled").asBoolean()).isTrue();
        assertThat(fresh.path("disabledReason").isNull()).isTrue();
        assertThat(fresh.path("recent").path("attempts").asInt()).isZero();
        assertThat(fresh.path("recent").path("successRate").isNull()).isTrue();

        awaitStatus(publishOne("order.paid"), "delivered");
        subscriber.answer(410);
        publishOne("order.paid");
        Poll.until("subscription disabled", Duration.ofSeconds(10),
                () -> http.get("/admin/subscriptions/acme-hooks", ACME).json(), s -> !s.path("enabled").asBoolean(true));

        AdminClient.Reply r = http.get("/admin/subscriptions/acme-hooks/health", ACME);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode health = r.json();
        assertThat(health.path("id").asText()).isEqualTo("acme-hooks");
        assertThat(health.path("enabled").asBoolean()).isFalse();
        assertThat(health.path("disabledReason").asText()).isEqualTo("GONE");
        assertThat(health.path("recent").path("attempts").asInt()).isEqualTo(2);
        assertThat(health.path("recent").path("successes").asInt()).isEqualTo(1);
        assertThat(health.path("recent").path("successRate").asDouble()).isEqualTo(0.5);
        assertThat(health.path("recent").path("lastOutcome").asText()).isEqualTo("client_error");
        assertThat(http.get("/admin/subscriptions/acme-hooks", ACME).json().path("disabledReason").asText()).isEqualTo("GONE");

        // Enabled again by hand: the old reason no longer applies.
        assertThat(http.patch("/admin/subscriptions/acme-hooks", ALL, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(http.get("/admin/subscriptions/acme-hooks/health", ACME).json().path("disabledReason").isNull()).isTrue();
        assertThat(http.get("/admin/subscriptions", ACME).json().path("items").get(0).path("disabledReason").isNull()).isTrue();
    }

    @Test
    void anotherTenantsSubscriptionsHealthIsForbiddenAndAnUnknownOneIsNotFound() {
        acmeSubscription("acme-hooks");
        assertError(http.get("/admin/subscriptions/acme-hooks/health", GLOBEX), 403, "forbidden");
        assertError(http.get("/admin/subscriptions/nope/health", ALL), 404, "not_found");
        assertThat(http.get("/admin/subscriptions/acme-hooks/health", null).status()).isEqualTo(401);
        assertError(http.get("/admin/subscriptions/acme-hooks/health?x=1", ACME), 400, "invalid_parameter");
    }
}
