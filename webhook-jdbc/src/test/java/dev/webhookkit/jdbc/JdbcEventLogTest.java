package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("services")
class JdbcEventLogTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("events");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static HikariDataSource db;

    private JdbcEventLog log;

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("events", 4, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @BeforeEach
    void emptyLog() {
        TestDatabase.truncateTables(db, PREFIX);
        log = JdbcEventLog.builder(db).tablePrefix(PREFIX).build();
    }

    private static EventRecord record(String id, Reason reason, Instant at, String body) {
        return new EventRecord(id, "alerts", at, reason.httpStatus(), reason, "incident.created", "alerts:webhook-id:" + id,
                "203.0.113.9", body.getBytes(StandardCharsets.UTF_8), false, List.of(), "", HandlerResponse.empty(), "", "", Duration.ofMillis(3));
    }

    @Test
    void recordedEventIsFoundWithEveryField() {
        Alert alert = Alert.builder().title("CPU high on web-1").severity(Severity.CRITICAL).status(AlertStatus.TRIGGER)
                .source("grafana").dedupKey("cpu-web-1").description("95% for 5m").service("web").label("host", "web-1")
                .link("https://grafana.example/d/1").occurredAt(Instant.parse("2026-11-22T09:59:00Z")).rawSeverity("P1").build();
        EventRecord full = new EventRecord("ev-1", "alerts", Instant.parse("2026-11-22T10:00:00.123456Z"), 200, Reason.PROCESSED,
                "incident.created", "alerts:webhook-id:msg_1", "2001:db8::1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), true,
                List.of(alert), "CPU high on web-1 (critical)", HandlerResponse.json("{\"ok\":true}"), "", "key-2024",
                Duration.ofNanos(1_234_567), Headers.of("Content-Type", "application/json", "X-Gitlab-Token", EventRecord.REDACTED),
                true, "ev-0", "acme", true);

        log.record(full);
        EventRecord found = log.find("ev-1").orElseThrow();

        assertThat(found).isEqualTo(full);
        assertThat(found.receivedAt()).isEqualTo(full.receivedAt());
        assertThat(found.eventType()).isEqualTo("incident.created");
        assertThat(found.deliveryKey()).isEqualTo("alerts:webhook-id:msg_1");
        assertThat(found.remoteAddress()).isEqualTo("2001:db8::1");
        assertThat(found.bodyTruncated()).isTrue();
        assertThat(found.alerts()).containsExactly(alert);
        assertThat(found.message()).isEqualTo("CPU high on web-1 (critical)");
        assertThat(found.handlerResponse()).isEqualTo(HandlerResponse.json("{\"ok\":true}"));
        assertThat(found.matchedKeyId()).isEqualTo("key-2024");
        assertThat(found.duration()).isEqualTo(Duration.ofNanos(1_234_567));
        assertThat(found.headers()).isEqualTo(full.headers());
        assertThat(found.verified()).isTrue();
        assertThat(found.replayOf()).isEqualTo("ev-0");
        assertThat(found.tenant()).isEqualTo("acme");
        assertThat(found.acceptedUnsigned()).isTrue();
    }

    @Test
    void summariesLeaveThePayloadsInTheTable() {
        byte[] large = new byte[200_000];
        java.util.Arrays.fill(large, (byte) 'x');
        log.record(new EventRecord("ev-big", "alerts", T0, 200, Reason.PROCESSED, "incident.created", "k", "203.0.113.9", large, false,
                List.of(), "a message", HandlerResponse.json("{\"ok\":true}"), "", "", Duration.ofMillis(1),
                Headers.of("Content-Type", "application/json"), true, "", "acme", false));

        EventRecord summary = log.querySummaries(dev.webhookkit.core.EventQuery.all()).items().get(0);

        assertThat(summary.eventId()).isEqualTo("ev-big");
        assertThat(summary.tenant()).isEqualTo("acme");
        assertThat(summary.message()).isEqualTo("a message");
        assertThat(summary.body()).isEmpty();
        assertThat(summary.handlerResponse().body()).isEmpty();
        assertThat(summary.headers().names()).isEmpty();
        assertThat(log.query(dev.webhookkit.core.EventQuery.all()).items().get(0).body().length).as("the kept body").isPositive();
    }

    @Test
    void unknownEventIsEmpty() {
        assertThat(log.find("nope")).isEmpty();
    }

    @Test
    void recordWithTheSameIdReplacesTheEarlierOneAndKeepsItsPlace() {
        log.record(record("ev-1", Reason.ACCEPTED, T0, "{}"));
        log.record(record("ev-2", Reason.PROCESSED, T0.plusSeconds(1), "{}"));
        EventRecord outcome = new EventRecord("ev-1", "alerts", T0, 500, Reason.HANDLER_FAILED, "incident.created", "k", "",
                new byte[0], false, List.of(), "", HandlerResponse.empty(), "IllegalStateException: boom", "", Duration.ofSeconds(2));

        log.record(outcome);

        assertThat(log.find("ev-1").orElseThrow().reason()).isEqualTo(Reason.HANDLER_FAILED);
        assertThat(log.find("ev-1").orElseThrow().error()).isEqualTo("IllegalStateException: boom");
        assertThat(log.recent(10)).extracting(EventRecord::eventId).containsExactly("ev-2", "ev-1");
    }

    @Test
    void recentIsNewestFirstAndLimited() {
        for (int i = 1; i <= 5; i++) {
            log.record(record("ev-" + i, Reason.PROCESSED, T0.plusSeconds(i), "{}"));
        }

        assertThat(log.recent(3)).extracting(EventRecord::eventId).containsExactly("ev-5", "ev-4", "ev-3");
        assertThat(log.recent(0)).isEmpty();
    }

    @Test
    void longBodiesAreCutToMaxBodyBytesAndMarked() {
        JdbcEventLog small = JdbcEventLog.builder(db).tablePrefix(PREFIX).maxBodyBytes(4).build();

        small.record(record("ev-big", Reason.PROCESSED, T0, "{\"long\":true}"));

        EventRecord found = small.find("ev-big").orElseThrow();
        assertThat(found.bodyAsString()).isEqualTo("{\"lo");
        assertThat(found.bodyTruncated()).isTrue();
    }

    @Test
    void textWithNulCharactersIsStoredWithReplacementCharacters() {
        EventRecord withNul = new EventRecord("ev-nul", "alerts", T0, 500, Reason.HANDLER_FAILED, "", "", "", new byte[] {0, 1}, false,
                List.of(), "", HandlerResponse.empty(), "bad\0byte", "", Duration.ZERO);

        log.record(withNul);

        assertThat(log.find("ev-nul").orElseThrow().error()).isEqualTo("bad\uFFFDbyte");
        assertThat(log.find("ev-nul").orElseThrow().body()).containsExactly(0, 1);
    }

    @Test
    void twoInstancesShareOneHistory() {
        JdbcEventLog other = JdbcEventLog.builder(db).tablePrefix(PREFIX).build();
        log.record(record("ev-a", Reason.PROCESSED, T0, "{}"));
        other.record(record("ev-b", Reason.DUPLICATE, T0, "{}"));

        assertThat(log.recent(10)).extracting(EventRecord::eventId).containsExactly("ev-b", "ev-a");
        assertThat(other.find("ev-a")).isPresent();
    }

    @Test
    void purgeDeletesRecordsReceivedBeforeTheCutoff() {
        log.record(record("old", Reason.PROCESSED, T0, "{}"));
        log.record(record("new", Reason.PROCESSED, T0.plus(Duration.ofDays(2)), "{}"));

        assertThat(log.purgeReceivedBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(log.find("old")).isEmpty();
        assertThat(log.find("new")).isPresent();
    }

    @Test
    void receiverRecordsAsyncOutcomeOverAcceptedInTheDatabase() throws Exception {
        CountDownLatch handled = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        EventHandler handler = event -> {
            handled.countDown();
            return HandlerResponse.text("done");
        };
        try (WebhookReceiver receiver = WebhookReceiver.builder().eventLog(log).executor(executor)
                .endpoint(Endpoint.builder("alerts").allowUnsigned().deliveryIdHeaders(java.util.List.of("webhook-id")).mode(HandlerMode.ASYNC).handler(handler).build()).build()) {
            ReceiveResult accepted = receiver.receive("alerts",
                    WebhookRequest.post("{\"type\":\"incident.created\"}".getBytes(StandardCharsets.UTF_8), Headers.of("webhook-id", "msg_7")));
            assertThat(accepted.reason()).isEqualTo(Reason.ACCEPTED);
            assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            EventRecord stored = log.find(accepted.eventId()).orElseThrow();
            assertThat(stored.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(stored.handlerResponse().bodyAsString()).isEqualTo("done");
            assertThat(stored.deliveryKey()).isEqualTo("alerts:webhook-id:msg_7");
            assertThat(log.recent(10)).hasSize(1);
        }
    }

    @Test
    void headersVerificationAndReplayIdRoundTrip() {
        Headers headers = Headers.builder().add("Content-Type", "application/json").add("X-Tag", "a").add("x-tag", "b\0c")
                .add("Authorization", EventRecord.REDACTED).build();
        EventRecord replay = new EventRecord("ev-r", "alerts", T0, 200, Reason.PROCESSED, "incident.created", "", "203.0.113.9",
                "{}".getBytes(StandardCharsets.UTF_8), false, List.of(), "", HandlerResponse.empty(), "", "k1", Duration.ZERO,
                headers, true, "ev-original");

        log.record(replay);
        EventRecord found = log.find("ev-r").orElseThrow();

        assertThat(found.headers().names()).containsExactly("Content-Type", "X-Tag", "Authorization");
        assertThat(found.headers().all("X-Tag")).containsExactly("a", "b\0c"); // escaped in the JSON, so even a NUL survives
        assertThat(found.verified()).isTrue();
        assertThat(found.replayOf()).isEqualTo("ev-original");
    }

    @Test
    void schemaUpgradeAddsTheNewColumnsToAnOlderTableAndKeepsItsRows() {
        String prefix = TestDatabase.uniquePrefix("events_upgrade");
        try {
            // the event table as 0.1.0 created it, with one row
            TestDatabase.execute(db, "CREATE TABLE " + prefix + "event (event_id VARCHAR(255) NOT NULL PRIMARY KEY,"
                    + " seq BIGINT GENERATED BY DEFAULT AS IDENTITY, endpoint VARCHAR(255) NOT NULL,"
                    + " received_at TIMESTAMP WITH TIME ZONE NOT NULL, status INTEGER NOT NULL, reason VARCHAR(64) NOT NULL,"
                    + " event_type TEXT NOT NULL, delivery_key TEXT NOT NULL, remote_address VARCHAR(255) NOT NULL, body BYTEA NOT NULL,"
                    + " body_truncated BOOLEAN NOT NULL, alerts TEXT NOT NULL, message TEXT NOT NULL,"
                    + " handler_content_type VARCHAR(255) NOT NULL, handler_body BYTEA NOT NULL, error TEXT NOT NULL,"
                    + " matched_key_id VARCHAR(255) NOT NULL, duration_nanos BIGINT NOT NULL)");
            TestDatabase.execute(db, "INSERT INTO " + prefix + "event (event_id, endpoint, received_at, status, reason, event_type,"
                    + " delivery_key, remote_address, body, body_truncated, alerts, message, handler_content_type, handler_body, error,"
                    + " matched_key_id, duration_nanos) VALUES ('ev-old', 'alerts', now(), 200, 'PROCESSED', '', '', '', '\\x7b7d',"
                    + " false, '[]', '', '', '', '', '', 0)");

            JdbcSchema.create(db, prefix);
            JdbcSchema.create(db, prefix); // and again: idempotent
            JdbcEventLog upgraded = JdbcEventLog.builder(db).tablePrefix(prefix).build();

            EventRecord old = upgraded.find("ev-old").orElseThrow();
            assertThat(old.headers().size()).isZero();
            assertThat(old.verified()).isFalse();
            assertThat(old.replayOf()).isEmpty();
            assertThat(upgraded.query(dev.webhookkit.core.EventQuery.all()).items()).extracting(EventRecord::eventId).containsExactly("ev-old");
        } finally {
            TestDatabase.dropTables(db, prefix);
        }
    }

    /** One scheme of each family: a header equal to the secret, Bearer, Basic, body HMAC, timestamped HMAC, Standard Webhooks. */
    @ParameterizedTest
    @ValueSource(strings = {"gitlab", "shared-secret", "honeycomb", "bearer-token", "basic-auth", "github", "stripe", "standard-webhooks"})
    void theSecretNeverReachesTheDatabase(String schemeId) throws Exception {
        String secret = schemeId.startsWith("standard") ? "whsec_" + java.util.Base64.getEncoder()
                .encodeToString("jdbc-s3cret-value-0123456789".getBytes(StandardCharsets.UTF_8)) : "jdbc-user:s3cret-value";
        SignatureScheme scheme = Schemes.byId(schemeId);
        byte[] body = "{\"type\":\"incident.created\"}".getBytes(StandardCharsets.UTF_8);
        Headers signed = scheme.sign(SigningInput.of("msg_1", T0, body, ""), SecretSet.ofValues(secret));
        try (WebhookReceiver receiver = WebhookReceiver.builder().eventLog(log).clock(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC))
                .endpoint(Endpoint.builder("alerts").verifier(scheme).secret(secret).build()).build()) {
            ReceiveResult result = receiver.receive("alerts", WebhookRequest.builder().body(body)
                    .headers(signed.toBuilder().add("Cookie", "sid=" + secret).build()).receivedAt(T0).build());
            assertThat(result.reason()).isEqualTo(Reason.PROCESSED);

            String row = rawRow(result.eventId());
            String base64 = java.util.Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            assertThat(row).contains(EventRecord.REDACTED).doesNotContain(secret).doesNotContain(base64).doesNotContain("s3cret");
            EventRecord stored = log.find(result.eventId()).orElseThrow();
            assertThat(stored.headers().all("Cookie")).containsExactly(EventRecord.REDACTED);
            for (String h : scheme.secretHeaders()) {
                assertThat(stored.headers().all(h)).containsExactly(EventRecord.REDACTED);
            }
            assertThat(stored.headers().size()).isEqualTo(signed.size() + 1);
        }
    }

    @Test
    void aFailedEventIsReplayedFromTheDatabaseWithItsHeadersAndBody() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<WebhookRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventHandler failsOnce = event -> {
            seen.add(event.request());
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream is down");
            }
            return HandlerResponse.empty();
        };
        SignatureScheme gitlab = Schemes.gitlab();
        byte[] body = "{\"object_kind\":\"push\"}".getBytes(StandardCharsets.UTF_8);
        try (WebhookReceiver receiver = WebhookReceiver.builder().eventLog(log)
                .endpoint(Endpoint.builder("alerts").verifier(gitlab).secret("gl-s3cret").handler(failsOnce).build()).build()) {
            ReceiveResult failed = receiver.receive("alerts", WebhookRequest.post(body,
                    Headers.of("X-Gitlab-Token", "gl-s3cret", "X-Gitlab-Event", "Push Hook")));
            assertThat(failed.reason()).isEqualTo(Reason.HANDLER_FAILED);

            ReceiveResult replayed = receiver.replay(failed.eventId());

            assertThat(replayed.reason()).isEqualTo(Reason.PROCESSED);
            assertThat(seen).hasSize(2);
            assertThat(seen.get(1).body()).isEqualTo(body);
            assertThat(seen.get(1).headers()).isEqualTo(Headers.of("X-Gitlab-Event", "Push Hook")); // the token was never stored
            assertThat(log.find(replayed.eventId()).orElseThrow().replayOf()).isEqualTo(failed.eventId());
            assertThat(log.query(dev.webhookkit.core.EventQuery.all().withEndpoint("alerts")).items()).hasSize(2);
        }
    }

    /** Every column of the row as the database holds it, as text. */
    private String rawRow(String eventId) throws java.sql.SQLException {
        try (java.sql.Connection c = db.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT t::text FROM " + PREFIX + "event t WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
