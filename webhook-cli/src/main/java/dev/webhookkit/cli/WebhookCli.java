package dev.webhookkit.cli;

import dev.webhookkit.cli.internal.CliEnvironment;
import dev.webhookkit.cli.internal.Commands;

/**
 * The {@code webhook} command: {@code verify}, {@code sign}, {@code map}, {@code send},
 * {@code listen}, {@code serve} and {@code schemes}. Run it with {@code java -jar webhook-cli.jar COMMAND [OPTIONS]} or the
 * repository's {@code bin/webhook}; {@code --help} on any command lists its options and examples.
 *
 * <p>Exit codes: 0 success, 1 a negative answer (invalid signature, undeliverable, unparseable
 * payload, a store unreachable at start), 2 a usage error.
 */
public final class WebhookCli {
    private WebhookCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line on the process's standard streams and returns the exit code. */
    public static int run(String... args) {
        return Commands.run(CliEnvironment.system(), args);
    }
}
