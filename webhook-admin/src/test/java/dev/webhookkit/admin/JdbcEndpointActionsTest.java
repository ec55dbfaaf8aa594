package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.jdbc.JdbcEndpointRegistry;
import dev.webhookkit.jdbc.JdbcSchema;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** An endpoint's actions in webhook-jdbc's registry rows (the same codec): another instance reads the same plan. */
@Tag("services")
class JdbcEndpointActionsTest {
    private static final String SECRET = "jdbc-forward-secret-2Rt5";
    private final String prefix = ("t_adminact_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
    private final PGSimpleDataSource db = new PGSimpleDataSource();
    private final WebhookDispatcher dispatcher = WebhookDispatcher.builder().subscriptions(SubscriptionRegistry.inMemory()).build();
    private final EndpointJson codec = EndpointJson.builder().actions(ActionDefinitions.builder().dispatcher(dispatcher).build()).build();

    JdbcEndpointActionsTest() {
        db.setServerNames(new String[] {"127.0.0.1"});
        db.setPortNumbers(new int[] {5432});
        db.setDatabaseName("test");
        db.setUser("postgres");
    }

    @AfterEach
    void drop() throws Exception {
        dispatcher.close();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + prefix + "outbox, " + prefix + "attempt, " + prefix + "event, " + prefix + "registry, "
                    + prefix + "registry_version");
        }
    }

    @Test
    void actionsSurviveTheRowAndASecondInstanceReadsTheSamePlan() throws Exception {
        JdbcSchema.create(db, prefix);
        Endpoint e = codec.fromJson(new ObjectMapper().readTree(("{'name':'ops','scheme':'none','actions':["
                + "{'type':'forward','urls':['https://ops.example.com/h'],'secret':'" + SECRET + "'},"
                + "{'type':'route','rules':[{'when':{'agent':'db-*'},'then':[{'type':'notify','format':'json','url':'https://n.example/x'}]}]}]}")
                .replace('\'', '"')));
        JdbcEndpointRegistry first = JdbcEndpointRegistry.builder(db, codec).tablePrefix(prefix).build();
        first.create(e);

        JdbcEndpointRegistry second = JdbcEndpointRegistry.builder(db, codec).tablePrefix(prefix).build();
        Endpoint read = second.get("ops").orElseThrow();

        assertThat(EndpointJson.actionsOf(read)).isPresent().isEqualTo(EndpointJson.actionsOf(e));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + prefix + "registry")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    rows.append(rs.getString(i)).append('|');
                }
            }
            assertThat(rows).as("the stored form holds the actions, secret included, like the endpoint's own secrets")
                    .contains("\"actions\":[", "\"type\":\"route\"", SECRET);
        }
    }
}
