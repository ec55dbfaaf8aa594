package dev.webhookkit.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code webhook}: only dispatches to its subcommands. */
@Command(name = "webhook", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Debug webhooks: check signatures, sign test requests, see what a payload",
            "maps to, send events with retries, and receive them on a local port;",
            "record, replay, trigger and tail them; or run a complete webhook gateway with an",
            "admin API (serve)."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (valid, signed, mapped, delivered)",
            "1:a negative answer (invalid signature, undeliverable, unparseable payload)",
            "2:usage error (bad option, unknown scheme or provider)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sig='sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'",
            "  printf 'Hello, World!' | webhook verify --scheme github \\",
            "      --secret \"It's a Secret to Everybody\" -H \"X-Hub-Signature-256: $sig\"",
            "  webhook map --provider prometheus --body-file alertmanager.json",
            "  webhook listen --port 8080 --scheme github --secret s3cret --provider github",
            "  WEBHOOK_ADMIN_TOKEN=... webhook serve --config webhooks.yaml --port 8080",
            "",
            "Run 'webhook COMMAND --help' for a command's options and examples."})
public final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw Usage.error(spec, "Missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
