package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RootCommandTest {

    @Test
    void versionPrintsTheBuildVersion() {
        Cli.Result r = Cli.create().run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines().get(0)).matches("webhook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(VersionProvider.version()).isNotEqualTo("unknown");
    }

    @Test
    void helpListsEveryCommandWithExamplesAndExitCodes() {
        Cli.Result r = Cli.create().run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("verify", "sign", "map", "send", "listen", "serve", "schemes", "Examples:", "Exit codes:");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "sign", "map", "send", "listen", "serve", "schemes"})
    void everyCommandHasHelpWithExamples(String command) {
        Cli.Result r = Cli.create().run(command, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: webhook " + command, "Examples:", "  webhook " + command, "Exit codes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "sign", "map", "send", "listen", "serve", "schemes"})
    void everyCommandHasVersion(String command) {
        Cli.Result r = Cli.create().run(command, "--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("webhook " + VersionProvider.version());
    }

    @Test
    void helpSubcommandShowsACommandsHelp() {
        Cli.Result r = Cli.create().run("help", "map");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: webhook map");
    }

    @Test
    void helpListsTheKnownSchemeAndProviderIds() {
        assertThat(Cli.create().run("verify", "--help").out()).contains("github", "stripe", "standard-webhooks");
        assertThat(Cli.create().run("map", "--help").out()).contains("prometheus", "grafana", "uptimerobot");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.create().run();

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing command").contains("verify");
    }

    @Test
    void unknownCommandIsAUsageErrorWithASuggestion() {
        Cli.Result r = Cli.create().run("verfy");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("verfy").contains("verify");
    }
}
