package dev.webhookkit.jdbc;

import javax.sql.DataSource;

/** The registry tables of a test prefix: emptied between tests, dropped at the end. */
final class RegistryTables {
    private RegistryTables() {
    }

    static void truncate(DataSource db, String prefix) {
        TestDatabase.execute(db, "TRUNCATE " + prefix + "registry, " + prefix + "registry_version");
    }

    static void drop(DataSource db, String prefix) {
        TestDatabase.execute(db, "DROP TABLE IF EXISTS " + prefix + "registry, " + prefix + "registry_version");
    }
}
