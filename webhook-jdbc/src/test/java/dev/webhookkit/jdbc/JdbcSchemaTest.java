package dev.webhookkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped script and its prefixing; needs no database. */
class JdbcSchemaTest {

    @Test
    void scriptShipsInTheJarWithTheDefaultNames() {
        String script = JdbcSchema.postgresqlScript(JdbcSchema.DEFAULT_TABLE_PREFIX);

        assertThat(script).contains("CREATE TABLE IF NOT EXISTS webhookkit_outbox", "CREATE TABLE IF NOT EXISTS webhookkit_attempt",
                "CREATE TABLE IF NOT EXISTS webhookkit_event");
    }

    @Test
    void statementsAreIdempotentAndCommentFree() {
        List<String> statements = JdbcSchema.statements("webhookkit_");

        assertThat(statements).hasSize(28);
        assertThat(statements).as("ordered claims, issue 16").contains(
                "CREATE INDEX IF NOT EXISTS webhookkit_outbox_pending_seq ON webhookkit_outbox (subscription_id, seq) WHERE status = 'pending'");
        assertThat(statements).allSatisfy(s -> {
            assertThat(s).containsPattern("^(CREATE (TABLE|INDEX) IF NOT EXISTS |ALTER TABLE \\w+ ADD COLUMN IF NOT EXISTS )");
            assertThat(s).doesNotContain("--").doesNotEndWith(";");
        });
    }

    @Test
    void prefixRenamesEveryTableAndIndex() {
        List<String> statements = JdbcSchema.statements("billing_");

        assertThat(String.join("\n", statements)).doesNotContain("webhookkit_");
        assertThat(statements).allSatisfy(s -> assertThat(s).containsPattern("(IF NOT EXISTS|ALTER TABLE) billing_\\w+"));
        assertThat(statements).anySatisfy(s -> assertThat(s).contains("ON billing_outbox"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Webhook_", "1st_", "drop table x; --", "a-b_", "a.b_", "this_prefix_is_far_too_long_for_postgres_names_"})
    void rejectsPrefixesThatAreNotPlainLowerCaseIdentifiers(String prefix) {
        assertThatThrownBy(() -> JdbcSchema.statements(prefix))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("tablePrefix must be 1 to 40 characters of a-z, 0-9 and _, not starting with a digit, but was '" + prefix + "'");
    }
}
