package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s options: every bad one is refused with exit code 2 before anything starts, and no secret is repeated. */
class ServeCommandTest {
    private static final String TOKEN = "serve-test-token-5b1f0c9e7d";
    private static final String DB_PASSWORD = "db-pass-Qx81-not-for-logs";

    @TempDir
    Path dir;

    private Cli cli(Map<String, String> variables) {
        return Cli.create().clock(Clock.systemUTC()).variables(variables);
    }

    private Cli.Result serve(String... args) {
        return serveWith(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN, "DB_PASSWORD", DB_PASSWORD), args);
    }

    private Cli.Result serveWith(Map<String, String> variables, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli(variables).run(all);
    }

    @Test
    void refusesToStartWithoutAnAdminToken() {
        Cli.Result r = serveWith(Map.of(), "--port", "0");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--admin-token-env").contains("'WEBHOOK_ADMIN_TOKEN' is not set");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void refusesAnEmptyAdminToken() {
        Cli.Result r = serveWith(Map.of("WEBHOOK_ADMIN_TOKEN", "  "), "--port", "0");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'WEBHOOK_ADMIN_TOKEN' is empty");
    }

    @Test
    void refusesATokenThatCouldBeGuessedWithoutPrintingIt() {
        Cli.Result r = serveWith(Map.of("WEBHOOK_ADMIN_TOKEN", "short-tok3n"), "--port", "0");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("at least 16").doesNotContain("short-tok3n");
    }

    @Test
    void readsTheTokenFromTheVariableNamedByAdminTokenEnv() {
        // The default variable is set, the named one is not: the named one is the one read.
        Cli.Result r = serveWith(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN), "--port", "0", "--admin-token-env", "OPS_TOKEN");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'OPS_TOKEN' is not set");
    }

    @Test
    void refusesAPortOutOfRange() {
        Cli.Result r = serve("--port", "65536");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--port must be between 0 and 65535 but was 65536");
    }

    @Test
    void refusesAnUnknownBindAddress() {
        Cli.Result r = serve("--port", "0", "--bind", "no-such-host.invalid");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--bind: unknown address 'no-such-host.invalid'");
    }

    @Test
    void refusesAPortThatIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli.Result r = serve("--port", String.valueOf(taken.getLocalPort()));

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--port " + taken.getLocalPort() + ": cannot listen on 127.0.0.1");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void refusesDatabaseOptionsWithoutJdbcUrl() {
        assertThat(serve("--port", "0", "--jdbc-user", "webhooks").err()).contains("--jdbc-user needs --jdbc-url");
        assertThat(serve("--port", "0", "--jdbc-password-env", "DB_PASSWORD").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void refusesANonPostgresqlJdbcUrlWithoutRepeatingIt() {
        Cli.Result r = serve("--port", "0", "--jdbc-url", "jdbc:mysql://db/webhooks?password=" + DB_PASSWORD);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--jdbc-url must be a PostgreSQL URL").doesNotContain(DB_PASSWORD);
    }

    @Test
    void refusesAPasswordVariableThatIsNotSet() {
        Cli.Result r = serve("--port", "0", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x", "--jdbc-password-env", "NOT_SET");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--jdbc-password-env: environment variable 'NOT_SET' is not set");
    }

    @Test
    void refusesARedisUrlOfAnotherSchemeWithoutRepeatingIt() {
        Cli.Result r = serve("--port", "0", "--redis-url", "http://:" + DB_PASSWORD + "@127.0.0.1:6379");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--redis-url must be redis://").doesNotContain(DB_PASSWORD);
    }

    @Test
    void exitsOneWhenPostgresqlCannotBeReachedAndNamesItWithoutThePassword() throws IOException {
        int closed = closedPort();
        Cli.Result r = serve("--port", "0", "--jdbc-url", "jdbc:postgresql://127.0.0.1:" + closed + "/webhooks?password=" + DB_PASSWORD,
                "--jdbc-user", "webhooks", "--jdbc-password-env", "DB_PASSWORD");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.err()).contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed + "/webhooks")
                .doesNotContain(DB_PASSWORD);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void exitsOneWhenRedisCannotBeReachedAndNamesItWithoutThePassword() throws IOException {
        int closed = closedPort();
        Cli.Result r = serve("--port", "0", "--redis-url", "redis://:" + DB_PASSWORD + "@127.0.0.1:" + closed);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.err()).contains("cannot reach Redis at redis://127.0.0.1:" + closed).doesNotContain(DB_PASSWORD);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void refusesAConfigFileThatDoesNotExist() {
        Path missing = dir.resolve("missing.yaml");

        Cli.Result r = serve("--port", "0", "--config", missing.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--config: ").contains(missing.toString());
    }

    @Test
    void refusesABadDefinitionsFileNamingEntryAndFieldButNoSecret() throws IOException {
        Path file = Files.writeString(dir.resolve("webhooks.yaml"), """
                endpoints:
                  - {name: github, scheme: github, secrets: [inline-secret-xY71], ipAllowlist: ["10.0.0.0/33"]}
                """);

        Cli.Result r = serve("--port", "0", "--config", file.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--config: " + file + ": endpoints[0] 'github': ipAllowlist[0]: ").doesNotContain("inline-secret-xY71");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void refusesASubscriptionToALoopbackAddressInTheFileUnlessAllowPrivate() throws IOException {
        Path file = Files.writeString(dir.resolve("webhooks.json"),
                "{\"subscriptions\":[{\"id\":\"local\",\"url\":\"http://127.0.0.1:9/hooks\",\"secret\":\"sub-secret-123\"}]}");

        Cli.Result r = serve("--port", "0", "--config", file.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(file + ": subscriptions[0] 'local': url: refused as a destination (loopback)")
                .contains("--allow-private");
    }

    @Test
    void neverPrintsTheAdminTokenInHelpOrErrors() {
        Cli.Result help = serve("--help");
        Cli.Result bad = serve("--port", "x");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--admin-token-env").contains("WEBHOOK_ADMIN_TOKEN").contains("--allow-private");
        assertThat(help.out() + help.err() + bad.out() + bad.err()).doesNotContain(TOKEN);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
