package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.verify.SignatureScheme;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webhook sign}: prints the headers that sign a body, as a sender would add them. */
@Command(name = "sign", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Print the headers that sign a body, as a sender would add them.",
            "One 'Name: value' per line. The same scheme classes verify, so the output",
            "always passes 'webhook verify' with the same secret."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:signed", "2:usage error (unknown scheme, a secret the scheme cannot use ...)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  printf '{\"ok\":true}' | webhook sign --scheme github --secret s3cret",
            "",
            "  webhook sign --scheme standard-webhooks \\",
            "      --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \\",
            "      --id msg_p5jXN8AQM9LWM0D4loKWxJek --timestamp 1614265330 --body-file body.json",
            "",
            "  webhook sign --scheme twilio --secret 12345 \\",
            "      --url 'https://example.com/sms?x=1' --param From=+14158675309 --param Body=hi"})
public final class SignCommand implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    SchemeSelection schemeSelection;

    @Option(names = "--secret", required = true, paramLabel = "S",
            description = "Secret to sign with (the private key for public-key schemes). Schemes that carry several "
                    + "signatures sign with every --secret given.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--id", paramLabel = "ID",
            description = "Message id for schemes that sign one (default: a random msg_... id).")
    String messageId;

    @Option(names = "--timestamp", paramLabel = "EPOCH_SECONDS",
            description = "Signing time in Unix seconds (default: now).")
    Long timestampSeconds;

    @Mixin
    RequestOptions.FormOptions form;

    @Option(names = "--body-file", paramLabel = "FILE",
            description = "The body, byte for byte; standard input when absent.")
    Path bodyFile;

    public SignCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() {
        SignatureScheme scheme = schemeSelection.resolve(spec, Optional.empty());
        if (!scheme.canSign()) {
            throw Usage.error(spec, "--scheme " + scheme.schemeId() + " cannot sign: only the original sender holds its keys");
        }
        SecretSet keyRing = Secrets.keyRing(spec, secrets);
        Instant timestamp = timestampSeconds != null
                ? Times.epochSeconds(spec, "--timestamp", timestampSeconds)
                : env.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        byte[] body = form.body(spec, env, bodyFile);
        SigningInput input = new SigningInput(messageId != null ? messageId : randomMessageId(), timestamp, body,
                form.url != null ? form.url : "", FormParam.asMap(form.params));

        Headers headers = scheme.sign(input, keyRing);
        headers.toMap().forEach((name, values) -> values.forEach(v -> env.out().println(name + ": " + v)));
        return ExitCodes.OK;
    }

    /** {@code msg_} and 22 random URL-safe characters, in the style of Standard Webhooks ids. */
    static String randomMessageId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
