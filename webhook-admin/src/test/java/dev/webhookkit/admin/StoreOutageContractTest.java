package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code GET /admin/health} over real HTTP with the outbox in the local PostgreSQL, reached through
 * a {@link TcpProxy}: up while the database answers, 503 with the store down once it cannot be
 * reached, and the rest of the API still answering.
 */
@Tag("services")
abstract class StoreOutageContractTest extends AdminTestSupport {
    private final String prefix = ("t_admin_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
    private TcpProxy proxy;
    private PGSimpleDataSource direct;
    private WebhookDispatcher dispatcher;

    @Override
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        try {
            proxy = new TcpProxy(5432);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        direct = dataSource(5432);
        JdbcSchema.create(direct, prefix);
        PGSimpleDataSource viaProxy = dataSource(proxy.port());
        dispatcher = WebhookDispatcher.builder().clock(clock)
                .store(JdbcDeliveryStore.builder(viaProxy).tablePrefix(prefix).clock(clock).build())
                .ssrfGuard(SsrfGuard.builder().allowLoopback().build())
                .workers(1).pollInterval(Duration.ofMillis(200)).build();
        return builder.dispatcher(dispatcher).allowPrivateTargets(true);
    }

    private static PGSimpleDataSource dataSource(int port) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName("test");
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        ds.setSocketTimeout(5);
        return ds;
    }

    @AfterEach
    void dropTables() throws SQLException {
        if (dispatcher != null) {
            dispatcher.close(Duration.ofSeconds(2));
        }
        if (proxy != null) {
            proxy.close();
        }
        try (Connection c = direct.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + prefix + "outbox, " + prefix + "attempt, " + prefix + "event");
        }
    }

    @Test
    void healthGoesFrom200To503WhenTheStoreBecomesUnreachable() {
        AdminClient.Reply up = http.get("/admin/health", ALL);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("status").asText()).isEqualTo("up");
        assertThat(up.json().path("checks").path("store").path("status").asText()).isEqualTo("up");
        assertThat(up.json().path("checks").path("dispatcher").path("backlog").asLong()).isZero();

        proxy.cut();
        AdminClient.Reply down = http.get("/admin/health", ALL);
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        JsonNode body = down.json();
        assertThat(body.path("status").asText()).isEqualTo("down");
        assertThat(body.path("checks").path("store").path("status").asText()).isEqualTo("down");
        assertThat(body.path("checks").path("store").path("detail").asText()).isNotBlank();
        assertThat(body.path("checks").path("dispatcher").path("status").asText()).as("it still runs").isEqualTo("up");
        assertThat(body.path("checks").path("dispatcher").path("backlog").isNull()).isTrue();
        assertThat(down.body()).doesNotContain("\tat ").doesNotContain("password");

        // what needs the store answers 503 dependency_unavailable, the rest goes on
        assertError(http.get("/admin/messages", ALL), 503, "dependency_unavailable");
        assertThat(http.get("/admin/subscriptions", ALL).status()).isEqualTo(200);
    }
}
