package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.spi.RegistryCodec;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.testing.MutableClock;
import dev.webhookkit.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What the registry kits cannot show: several instances on one database, the refresh bound, bad rows, outages. */
@Tag("services")
class JdbcRegistryTest {
    private static final String PREFIX = TestDatabase.uniquePrefix("registry");
    private static final Duration REFRESH = Duration.ofMillis(200);
    private static HikariDataSource db;

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void createTables() {
        db = TestDatabase.poolWithTables("registry", 12, PREFIX);
    }

    @AfterAll
    static void dropTables() {
        TestDatabase.dropTablesAndClose(db, PREFIX);
    }

    @BeforeEach
    void empty() {
        RegistryTables.truncate(db, PREFIX);
    }

    /** An instance on the hand-moved clock. */
    private JdbcSubscriptionRegistry subscriptions(javax.sql.DataSource ds, RegistryCodec<Subscription> codec) {
        return JdbcSubscriptionRegistry.builder(ds, codec).tablePrefix(PREFIX).refreshInterval(REFRESH).clock(clock)
                .warnings(warnings::add).build();
    }

    private JdbcSubscriptionRegistry subscriptions() {
        return subscriptions(db, new TestCodecs.Subscriptions());
    }

    private static Subscription sub(String id, String url) {
        return Subscription.builder(id, url).secret("whsec_" + id).build();
    }

    @Test
    void aChangeOnOneInstanceIsSeenOnTheOtherOnceItsSnapshotIsOlderThanTheRefreshInterval() {
        JdbcSubscriptionRegistry a = subscriptions();
        JdbcSubscriptionRegistry b = subscriptions();
        assertThat(b.list()).isEmpty();

        a.create(sub("ops", "https://ops.example.com/1"));
        assertThat(a.get("ops")).isPresent();
        assertThat(b.get("ops")).as("within the interval b serves its snapshot").isEmpty();
        clock.advance(REFRESH);
        assertThat(b.get("ops")).contains(sub("ops", "https://ops.example.com/1"));

        a.update(sub("ops", "https://ops.example.com/2"));
        a.create(sub("billing", "https://billing.example.com/"));
        clock.advance(REFRESH);
        assertThat(b.list()).containsExactly(sub("billing", "https://billing.example.com/"), sub("ops", "https://ops.example.com/2"));

        a.delete("ops");
        clock.advance(REFRESH);
        assertThat(b.get("ops")).isEmpty();
        assertThat(b.matching("order.created")).extracting(Subscription::id).containsExactly("billing");
    }

    @Test
    void twoInstancesOnTheSystemClockSeeEachOthersChangesWithinTheBound() {
        JdbcEndpointRegistry a = JdbcEndpointRegistry.builder(db, new TestCodecs.Endpoints()).tablePrefix(PREFIX).refreshInterval(REFRESH).build();
        JdbcEndpointRegistry b = JdbcEndpointRegistry.builder(db, new TestCodecs.Endpoints()).tablePrefix(PREFIX).refreshInterval(REFRESH).build();
        assertThat(b.list()).isEmpty();

        long start = System.nanoTime();
        a.create(Endpoint.builder("alerts").allowUnsigned().path("/hooks/alerts").build());
        // b decodes the text itself (its codec never saw a's instance): compare what was stored.
        Endpoint seen = Poll.until("b to see the endpoint a created", REFRESH.plusSeconds(2), () -> b.get("alerts"), e -> e.isPresent())
                .orElseThrow();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(seen.path()).contains("/hooks/alerts");
        assertThat(b.byPath("/hooks/alerts")).extracting(Endpoint::name).containsExactly("alerts");
        assertThat(took).isLessThan(REFRESH.plusSeconds(2));

        b.update(Endpoint.builder("alerts").allowUnsigned().path("/hooks/moved").build());
        Poll.until("a to see b's update", REFRESH.plusSeconds(2), () -> a.byPath("/hooks/moved"), l -> l.size() == 1);
        assertThat(a.byPath("/hooks/alerts")).isEmpty();
    }

    @Test
    void concurrentCreatesOfOneKeyOnTwoInstancesHaveExactlyOneWinner() throws Exception {
        List<JdbcSubscriptionRegistry> instances = List.of(subscriptions(), subscriptions());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcSubscriptionRegistry on = instances.get(t % 2);
                String url = "https://contested.example.com/" + t;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        on.create(sub("contested", url));
                        return true;
                    } catch (AlreadyExistsException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        clock.advance(REFRESH);
        assertThat(instances.get(0).get("contested")).isEqualTo(instances.get(1).get("contested")).isPresent();
    }

    @Test
    void updatingOrDeletingWhatAnotherInstanceDeletedIsNotFoundEvenWithAStaleSnapshot() {
        JdbcSubscriptionRegistry a = subscriptions();
        JdbcSubscriptionRegistry b = subscriptions();
        a.create(sub("ops", "https://ops.example.com/"));
        clock.advance(REFRESH);
        assertThat(b.get("ops")).isPresent();

        a.delete("ops");

        assertThatThrownBy(() -> b.update(sub("ops", "https://ops.example.com/2")))
                .isInstanceOf(NotFoundException.class).hasMessage("subscription 'ops' does not exist");
        assertThat(b.delete("ops")).isFalse();
        assertThat(b.get("ops")).isEmpty();
    }

    @Test
    void anUnchangedTableIsCheckedWithoutReloadingAndAChangedOneIsReloadedOnce() {
        AtomicInteger decodes = new AtomicInteger();
        TestCodecs.Subscriptions plain = new TestCodecs.Subscriptions();
        RegistryCodec<Subscription> counting = new RegistryCodec<>() {
            @Override
            public String key(Subscription entry) {
                return plain.key(entry);
            }

            @Override
            public String encode(Subscription entry) {
                return plain.encode(entry);
            }

            @Override
            public Subscription decode(String stored) {
                decodes.incrementAndGet();
                return plain.decode(stored);
            }
        };
        JdbcSubscriptionRegistry writer = subscriptions();
        writer.create(sub("a", "https://a.example.com/"));
        writer.create(sub("b", "https://b.example.com/"));
        JdbcSubscriptionRegistry reader = subscriptions(db, counting);
        assertThat(reader.list()).hasSize(2);
        assertThat(decodes).hasValue(2);

        for (int i = 0; i < 3; i++) {
            clock.advance(REFRESH);
            assertThat(reader.list()).hasSize(2);
        }
        assertThat(decodes).as("no reload while nothing changed").hasValue(2);

        writer.create(sub("c", "https://c.example.com/"));
        clock.advance(REFRESH);
        assertThat(reader.list()).hasSize(3);
        assertThat(reader.list()).hasSize(3);
        assertThat(decodes).hasValue(5);
    }

    @Test
    void aRowTheCodecCannotReadIsSkippedWithOneWarningThatHoldsNoSecret() {
        JdbcSubscriptionRegistry writer = subscriptions();
        writer.create(sub("good", "https://good.example.com/"));
        TestDatabase.execute(db, "INSERT INTO " + PREFIX + "registry (kind, entry_key, body, version, updated_at)"
                + " VALUES ('subscription', 'broken', 'whsec_TOPSECRET-in-a-row-of-an-older-format', 99, now())");
        TestDatabase.execute(db, "UPDATE " + PREFIX + "registry_version SET version = version + 1 WHERE kind = 'subscription'");

        JdbcSubscriptionRegistry reader = subscriptions();
        assertThat(reader.list()).extracting(Subscription::id).containsExactly("good");
        writer.create(sub("newer", "https://newer.example.com/"));
        clock.advance(REFRESH);
        assertThat(reader.list()).extracting(Subscription::id).containsExactly("good", "newer");

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("'broken'").contains(PREFIX + "registry").contains("ConfigurationException")
                .doesNotContain("TOPSECRET").doesNotContain("whsec");
        assertThat(reader.get("broken")).isEmpty();
    }

    @Test
    void whenTheDatabaseStopsReadsServeTheLastSnapshotAndWritesFailThenChangesArriveAgain() {
        SwitchableDataSource switchable = new SwitchableDataSource(db, deadDatabase());
        JdbcSubscriptionRegistry writer = subscriptions();
        JdbcSubscriptionRegistry reader = subscriptions(switchable, new TestCodecs.Subscriptions());
        writer.create(sub("ops", "https://ops.example.com/"));
        assertThat(reader.list()).hasSize(1);

        switchable.stop();
        clock.advance(REFRESH);
        assertThat(reader.get("ops")).isPresent();
        assertThat(reader.matching("order.created")).extracting(Subscription::id).containsExactly("ops");
        assertThatThrownBy(() -> reader.create(sub("new", "https://new.example.com/")))
                .isInstanceOf(DependencyUnavailableException.class).hasMessageStartingWith("creating subscription 'new' failed");
        clock.advance(REFRESH);
        assertThat(reader.get("ops")).isPresent();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("cannot refresh subscriptions from " + PREFIX + "registry");

        writer.create(sub("billing", "https://billing.example.com/"));
        switchable.start();
        clock.advance(REFRESH);
        assertThat(reader.list()).extracting(Subscription::id).containsExactly("billing", "ops");
        assertThat(reader.get("new")).isEmpty();
    }

    @Test
    void theFirstReadThrowsWhenTheDatabaseCannotBeReached() {
        JdbcSubscriptionRegistry registry = subscriptions(deadDatabase(), new TestCodecs.Subscriptions());
        assertThatThrownBy(registry::list).isInstanceOf(DependencyUnavailableException.class)
                .hasMessageStartingWith("reading subscriptions failed");
    }

    @Test
    void aNegativeRefreshIntervalIsRefusedNamingIt() {
        assertThatThrownBy(() -> JdbcSubscriptionRegistry.builder(db, new TestCodecs.Subscriptions()).refreshInterval(Duration.ofSeconds(-1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessage("refreshInterval must be >= 0 but was PT-1S");
        assertThatThrownBy(() -> JdbcEndpointRegistry.builder(db, new TestCodecs.Endpoints()).tablePrefix("Bad").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tablePrefix");
    }

    private static PGSimpleDataSource deadDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ds.setPortNumbers(new int[] {s.getLocalPort()});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ds.setDatabaseName("test");
        ds.setUser(TestDatabase.USER);
        ds.setConnectTimeout(2);
        return ds;
    }
}
