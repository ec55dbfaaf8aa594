package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.testing.Poll;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers share one PostgreSQL outbox and deliver 10,000 messages to a local receiver; one
 * of them is a separate JVM killed with SIGKILL mid-run. Every message must still arrive; the
 * messages the killed instance held at that moment may arrive twice (at least once), and no other;
 * and the last of them must arrive within 2 x the subscription's attempt timeout of the kill
 * (measured from just before the SIGKILL to that message's arrival at the receiver). Both JVMs run
 * on this machine's system clock: no clock is shifted.
 */
@Tag("services")
class DispatcherCrashTest {
    private static final int MESSAGES = 10_000;
    private static final String CHILD = "child-jvm";
    private static final String SURVIVOR = "survivor";
    /** The promise: a killed instance's messages are delivered by another within twice the attempt timeout. */
    private static final Duration TAKEOVER_BOUND = DispatcherNode.TIMEOUT.multipliedBy(2);

    private final String prefix = TestDatabase.uniquePrefix("crash");
    private HikariDataSource db;
    private CountingReceiver receiver;
    private Process child;
    private Path childLog;

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.pool("crash-test", 4);
        JdbcSchema.create(db, prefix);
        receiver = new CountingReceiver();
    }

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        receiver.close();
        TestDatabase.dropTables(db, prefix);
        db.close();
    }

    @Test
    void everyMessageArrivesAfterOneOfTwoDispatchersIsKilledMidRun() throws Exception {
        enqueueMessagesDueInThePast();
        String receiverUrl = receiver.url();

        long started = System.nanoTime();
        child = startChildDispatcher(receiverUrl);
        awaitOrFail("the child JVM to deliver", Duration.ofSeconds(60), () -> receiver.deliveredBy(CHILD) > 0);
        Set<String> heldAtKill;
        int receivedAtKill;
        long killedAt;
        DispatcherNode survivor = new DispatcherNode(TestDatabase.URL, prefix, receiverUrl, SURVIVOR, Clock.systemUTC());
        try {
            awaitOrFail("a third of the messages to arrive", Duration.ofSeconds(60),
                    () -> receiver.byMessage().size() >= MESSAGES / 3 && receiver.deliveredBy(SURVIVOR) > 0);

            killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            receivedAtKill = receiver.byMessage().size();
            heldAtKill = leasedBy(CHILD);

            awaitOrFail("every message to be delivered", Duration.ofSeconds(90),
                    () -> countInStore(DeliveryStatus.DELIVERED) == MESSAGES);
        } finally {
            survivor.close();
        }
        long done = System.nanoTime();
        long lastTakenOver = killedAt;
        for (String id : heldAtKill) {
            Long arrived = receiver.lastArrivalNanos(id);
            assertThat(arrived).as("arrival of %s, held by the killed instance", id).isNotNull();
            lastTakenOver = Math.max(lastTakenOver, arrived);
        }
        Duration takeover = Duration.ofNanos(lastTakenOver - killedAt);

        Set<String> twice = new HashSet<>();
        receiver.byMessage().forEach((id, n) -> {
            if (n.get() > 1) {
                twice.add(id);
            }
        });
        System.out.printf("crash test: %d messages, %d received before the kill after %d ms (child %d, survivor %d in total),"
                        + " %d held by the killed instance, the last of them delivered %d ms after the kill (bound %d ms),"
                        + " %d delivered more than once, all delivered %d ms after the kill%n",
                MESSAGES, receivedAtKill, (killedAt - started) / 1_000_000, receiver.deliveredBy(CHILD), receiver.deliveredBy(SURVIVOR), heldAtKill.size(),
                takeover.toMillis(), TAKEOVER_BOUND.toMillis(), twice.size(), (done - killedAt) / 1_000_000);

        assertThat(heldAtKill).as("messages the killed instance held").isNotEmpty();
        assertThat(takeover).as("time from SIGKILL to the last of its messages delivered").isLessThanOrEqualTo(TAKEOVER_BOUND);

        assertThat(receiver.byMessage()).hasSize(MESSAGES);
        assertThat(countInStore(DeliveryStatus.PENDING)).isZero();
        assertThat(countInStore(DeliveryStatus.DEAD_LETTERED)).isZero();
        assertThat(twice.size()).isLessThanOrEqualTo(heldAtKill.size());
        assertThat(heldAtKill).containsAll(twice);
        assertThat(receiver.byMessage().values()).allSatisfy(n -> assertThat(n.get()).isBetween(1, 2));
    }

    private void enqueueMessagesDueInThePast() {
        JdbcDeliveryStore store = JdbcDeliveryStore.builder(db).tablePrefix(prefix).build();
        Instant createdAt = Instant.now().minus(Duration.ofMinutes(1));
        List<OutboundMessage> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(OutboundMessage.pending(String.format("msg-%05d", i), DispatcherNode.SUBSCRIPTION, "order.created", createdAt,
                    ("{\"event\":\"order.created\",\"data\":{\"n\":" + i + "}}").getBytes(StandardCharsets.UTF_8)));
            if (batch.size() == 1_000) {
                store.enqueue(batch);
                batch.clear();
            }
        }
        assertThat(countInStore(DeliveryStatus.PENDING)).isEqualTo(MESSAGES);
    }

    private Process startChildDispatcher(String receiverUrl) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        childLog = Files.createTempFile("webhookkit-crash-child", ".log");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DispatcherProcess.class.getName(), TestDatabase.URL, prefix, receiverUrl, CHILD)
                .redirectErrorStream(true)
                .redirectOutput(childLog.toFile())
                .start();
    }

    /** Waits until {@code condition} holds; fails with the child's log when the time is up or the child died early. */
    private void awaitOrFail(String what, Duration timeout, BooleanSupplier condition) {
        Poll.until(what, timeout, () -> {
            if (child != null && !child.isAlive() && child.exitValue() != 137 && child.exitValue() != 9) {
                throw new AssertionError("child JVM exited with " + child.exitValue() + " while waiting for " + what + ":\n" + childLogText());
            }
            return condition.getAsBoolean();
        }, () -> "received " + receiver.byMessage().size() + " " + receiver.byInstance() + "; child log:\n" + childLogText());
    }

    private String childLogText() {
        File f = childLog.toFile();
        try {
            return f.exists() ? Files.readString(childLog) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private Set<String> leasedBy(String claimant) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM " + prefix + "outbox WHERE status = 'pending' AND lease_owner = ?")) {
            ps.setString(1, claimant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private long countInStore(DeliveryStatus status) {
        return JdbcDeliveryStore.builder(db).tablePrefix(prefix).build().count(status);
    }
}
