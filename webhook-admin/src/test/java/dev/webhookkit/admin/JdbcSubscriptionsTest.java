package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.jdbc.JdbcSubscriptionRegistry;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
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
 * Subscriptions created over the API (Jetty) into webhook-jdbc's {@link JdbcSubscriptionRegistry}
 * with {@link SubscriptionJson} as its codec, in the local PostgreSQL: a second registry on the
 * same table (a restarted server) reads back an equal subscription, secrets and headers included,
 * and the API still shows neither.
 */
@Tag("services")
class JdbcSubscriptionsTest extends AdminTestSupport {
    private final String prefix = ("t_adminsub_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
    private PGSimpleDataSource db;
    private WebhookDispatcher dispatcher;

    @Override
    protected AdminServer newServer() {
        return new JettyAdminServer();
    }

    @Override
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        db = new PGSimpleDataSource();
        db.setServerNames(new String[] {"127.0.0.1"});
        db.setPortNumbers(new int[] {5432});
        db.setDatabaseName("test");
        db.setUser("postgres");
        JdbcSchema.create(db, prefix);
        dispatcher = WebhookDispatcher.builder().clock(clock).workers(1)
                .subscriptions(registry()).build();
        return builder.dispatcher(dispatcher).allowPrivateTargets(true);
    }

    private JdbcSubscriptionRegistry registry() {
        return JdbcSubscriptionRegistry.builder(db, SubscriptionJson.instance()).tablePrefix(prefix).build();
    }

    @AfterEach
    void dropTables() throws SQLException {
        dispatcher.close(Duration.ofSeconds(2));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + prefix + "outbox, " + prefix + "attempt, " + prefix + "event, " + prefix + "registry, "
                    + prefix + "registry_version");
        }
    }

    @Test
    void aSubscriptionCreatedOverTheApiSurvivesARestartWithItsSecretsAndHeaders() {
        AdminClient.Reply created = http.post("/admin/subscriptions", ALL, "{\"id\":\"ops\",\"name\":\"Ops\",\"tenant\":\"acme\","
                + "\"url\":\"http://127.0.0.1:9/hook\",\"scheme\":\"standard-webhooks\",\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\","
                + "\"eventTypes\":[\"incident.*\"],\"headers\":{\"X-Api-Key\":\"stored-header-credential\"},\"timeoutMs\":2500,\"maxAttempts\":3}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Subscription live = dispatcher.subscriptions().get("ops").orElseThrow();

        Subscription reread = registry().get("ops").orElseThrow();
        assertThat(reread).isEqualTo(live);
        assertThat(reread.secrets().all().get(0).value()).isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(reread.headers().first("X-Api-Key")).contains("stored-header-credential");
        assertThat(reread.tenant()).contains("acme");
        assertThat(reread.timeout()).isEqualTo(Duration.ofMillis(2500));

        AdminClient.Reply patched = http.patch("/admin/subscriptions/ops", ACME, "{\"enabled\":false}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(registry().get("ops").orElseThrow().enabled()).isFalse();
        for (AdminClient.Reply r : new AdminClient.Reply[] {created, patched, http.get("/admin/subscriptions", ALL)}) {
            assertThat(r.body()).doesNotContain("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").doesNotContain("stored-header-credential");
        }
        assertThat(http.delete("/admin/subscriptions/ops", ALL).status()).isEqualTo(204);
        assertThat(registry().get("ops")).isEmpty();
    }
}
