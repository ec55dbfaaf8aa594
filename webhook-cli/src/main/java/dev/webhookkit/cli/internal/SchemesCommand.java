package dev.webhookkit.cli.internal;

import dev.webhookkit.verify.SchemeDescriptor;
import dev.webhookkit.verify.SchemeOption;
import dev.webhookkit.verify.Schemes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code webhook schemes}: every registered signature scheme, from the registry the other commands use. */
@Command(name = "schemes", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "List the signature schemes --scheme accepts, built-in ones first, then those of",
            "scheme providers on the class path. One line each: id, whether it needs a",
            "secret, whether it can sign, the adapting options it takes, and what it is."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed"},
        footerHeading = "%nExamples:%n",
        footer = {"  webhook schemes", "  webhook schemes | grep -w stripe"})
public final class SchemesCommand implements Callable<Integer> {
    /** The scheme options the CLI exposes, by flag. */
    private static final Map<SchemeOption, String> FLAGS = Map.of(
            SchemeOption.SIGNATURE_HEADER, "--signature-header",
            SchemeOption.PREFIX, "--prefix",
            SchemeOption.ENCODING, "--encoding",
            SchemeOption.TIMESTAMP_POLICY, "--tolerance");

    private final CliEnvironment env;

    public SchemesCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() {
        PrintWriter out = env.out();
        for (SchemeDescriptor d : Schemes.descriptors()) {
            String flags = d.options().stream().filter(FLAGS::containsKey).map(FLAGS::get).collect(Collectors.joining(","));
            out.printf("%-26s %-9s %-8s %-45s %s%n", d.id(), d.requiresSecrets() ? "secret" : "no-secret",
                    d.canSign() ? "signs" : "verifies", flags.isEmpty() ? "-" : flags, d.summary());
        }
        return ExitCodes.OK;
    }
}
