package dev.webhookkit.admin;

import static dev.webhookkit.admin.AdminTestSupport.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.jdbc.JdbcEventLog;
import dev.webhookkit.jdbc.JdbcSchema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The event routes over a JdbcEventLog on the local PostgreSQL: client input the database cannot take is a 400, never a 500. */
@Tag("services")
class JdbcAdminEventsTest {
    private static final String TOKEN = "jdbc-admin-token-0123456789";
    private final String prefix = "t_admin_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private PGSimpleDataSource db;
    private WebhookReceiver receiver;
    private JdkAdminServer server;
    private AdminClient http;

    @BeforeEach
    void start() throws Exception {
        db = new PGSimpleDataSource();
        db.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        db.setUser("postgres");
        JdbcSchema.create(db, prefix);
        receiver = WebhookReceiver.builder().registry(EndpointRegistry.inMemory())
                .eventLog(JdbcEventLog.builder(db).tablePrefix(prefix).build()).build();
        AdminApi api = AdminApi.builder().receiver(receiver)
                .authorizer(BearerTokenAuthorizer.builder().allTenantsToken(TOKEN).build()).build();
        server = new JdkAdminServer();
        URI base = server.start(api, receiver);
        http = new AdminClient(base);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        receiver.close();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + prefix + "outbox, " + prefix + "attempt, " + prefix + "event, "
                    + prefix + "registry, " + prefix + "registry_version");
        }
    }

    private static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListWorksAgainstTheDatabase() {
        assertThat(http.get("/admin/events?since=2026-01-01T00:00:00Z", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void timesOutsideWhatTheDatabaseHoldsAre400() {
        for (String q : new String[] {"since=%2B1000000000-01-01T00:00:00Z", "until=-999999999-01-01T00:00:00Z"}) {
            AdminClient.Reply r = http.get("/admin/events?" + q, TOKEN);
            assertError(r, 400, "invalid_parameter");
            assertThat(r.errorMessage()).startsWith(q.substring(0, 5));
        }
    }

    @Test
    void aCursorWithAHugeEpochIs400() {
        AdminClient.Reply r = http.get("/admin/events?cursor=" + cursor("e1:31556889864403199:0:ev-1"), TOKEN);
        assertError(r, 400, "invalid_parameter");
        assertThat(r.errorMessage()).startsWith("cursor:");
    }

    @Test
    void aNulInTheEndpointFilterOrInACursorIdIs400() {
        AdminClient.Reply endpoint = http.get("/admin/events?endpoint=%00", TOKEN);
        assertError(endpoint, 400, "invalid_parameter");
        assertThat(endpoint.errorMessage()).startsWith("endpoint:");
        AdminClient.Reply nul = http.get("/admin/events?cursor=" + cursor("e1:1764763200:0:ev\u0000x"), TOKEN);
        assertError(nul, 400, "invalid_parameter");
        assertThat(nul.errorMessage()).startsWith("cursor:");
    }
}
