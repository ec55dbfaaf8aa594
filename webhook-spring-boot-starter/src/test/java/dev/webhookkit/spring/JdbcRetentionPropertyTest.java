package dev.webhookkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.jdbc.JdbcDeliveryStore;
import dev.webhookkit.outbound.spi.DeliveryStore;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** webhookkit.outbound.retention on the JDBC outbox, against the local PostgreSQL (services tests). */
@Tag("services")
class JdbcRetentionPropertyTest {
    private static final String PREFIX = ("t_bootret_" + UUID.randomUUID().toString().substring(0, 8) + "_").toLowerCase(Locale.ROOT);
    private static final DataSource DATABASE = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");

    private final ApplicationContextRunner jdbc = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(WebhookkitOutboundAutoConfiguration.class))
            .withBean(DataSource.class, () -> DATABASE)
            .withPropertyValues("webhookkit.outbound.subscriptions.ops.url=https://ops.example.com/hooks",
                    "webhookkit.outbound.subscriptions.ops.secret=ops-signing-secret", "webhookkit.store=jdbc",
                    "webhookkit.jdbc.table-prefix=" + PREFIX);

    @AfterAll
    static void dropTables() {
        new JdbcTemplate(DATABASE).execute("DROP TABLE IF EXISTS " + PREFIX + "outbox, " + PREFIX + "attempt, " + PREFIX + "event, "
                + PREFIX + "endpoint_health, " + PREFIX + "registry_version, " + PREFIX + "registry");
    }

    @Test
    void retentionGivesTheJdbcOutboxItsScheduledPurge() {
        jdbc.withPropertyValues("webhookkit.outbound.retention=7d").run(context -> {
            assertThat(context).hasNotFailed();
            // purgeExpired() runs only on a store built with a retention (the schedule calls it).
            assertThat(((JdbcDeliveryStore) context.getBean(DeliveryStore.class)).purgeExpired()).isZero();
        });
    }

    @Test
    void withoutRetentionNothingIsPurgedOnASchedule() {
        jdbc.run(context -> {
            assertThat(context).hasNotFailed();
            assertThatThrownBy(((JdbcDeliveryStore) context.getBean(DeliveryStore.class))::purgeExpired)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("needs a retention");
        });
    }

    @Test
    void aZeroRetentionStopsTheStartNamingTheProperty() {
        jdbc.withPropertyValues("webhookkit.outbound.retention=0s").run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("webhookkit.outbound.retention must be > 0"));
    }
}
