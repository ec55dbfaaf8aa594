package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webhook verify}: checks a captured request's signature exactly as a receiver would. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Check a webhook's signature the way a receiver would.",
            "The body is used byte for byte. Prints 'valid (secret: ID)' and exits 0,",
            "or 'invalid: REASON' and exits 1. REASON is MISSING_SIGNATURE,",
            "MALFORMED_SIGNATURE, SIGNATURE_MISMATCH, MISSING_TIMESTAMP or TIMESTAMP_EXPIRED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:invalid signature", "2:usage error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sig='sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'",
            "  printf 'Hello, World!' | webhook verify --scheme github \\",
            "      --secret \"It's a Secret to Everybody\" -H \"X-Hub-Signature-256: $sig\"",
            "",
            "  # replay a captured Stripe event at the time it arrived",
            "  webhook verify --scheme stripe --secret whsec_... --body-file event.json \\",
            "      -H 'Stripe-Signature: t=1772700000,v1=...' --now 1772700005",
            "",
            "  # a request recorded by 'webhook listen --record DIR', at the time it arrived",
            "  webhook verify --scheme github --secret s3cret --request DIR/20260304T101500.123Z-000001.json",
            "",
            "  # a key ring during rotation: the output names the secret that matched",
            "  webhook verify --scheme standard-webhooks --body-file body.json \\",
            "      --secret whsec_NEW... --secret whsec_OLD... \\",
            "      -H 'webhook-id: msg_1' -H 'webhook-timestamp: 1614265330' \\",
            "      -H 'webhook-signature: v1,...' --tolerance 600"})
public final class VerifyCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    SchemeSelection schemeSelection;

    @Option(names = "--secret", paramLabel = "S",
            description = "Secret to verify with (the public key for public-key schemes). Repeat for a key ring: "
                    + "the ids are default, key-2, key-3 ...")
    List<String> secrets = new ArrayList<>();

    @Mixin
    RequestOptions.HeaderOptions headers;

    @Mixin
    RequestOptions.FormOptions form;

    @Option(names = "--tolerance", paramLabel = "SECONDS",
            description = "How far the signed timestamp may be from now, either way (default: the scheme's, usually 300).")
    Long toleranceSeconds;

    @Option(names = "--now", paramLabel = "EPOCH_SECONDS",
            description = "The time the request arrived, in Unix seconds, instead of the clock: replays captured requests.")
    Long nowSeconds;

    @Option(names = "--body-file", paramLabel = "FILE",
            description = "The body, byte for byte; standard input when absent.")
    Path bodyFile;

    @Option(names = "--request", paramLabel = "FILE",
            description = "A request recorded by 'listen --record': its headers and body, checked at the time it "
                    + "arrived (or --now). Not combined with -H, --body-file, --param or --url.")
    Path requestFile;

    public VerifyCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() {
        Optional<TimestampPolicy> policy = Optional.empty();
        if (toleranceSeconds != null) {
            if (toleranceSeconds < 0) {
                throw Usage.error(spec, "--tolerance must be >= 0 but was " + toleranceSeconds);
            }
            policy = Optional.of(TimestampPolicy.tolerance(Duration.ofSeconds(toleranceSeconds)));
        }
        Optional<Instant> now = nowSeconds != null ? Optional.of(Times.epochSeconds(spec, "--now", nowSeconds)) : Optional.empty();
        SignatureScheme scheme = schemeSelection.resolve(spec, policy);
        SecretSet keyRing = Secrets.keyRing(spec, secrets, scheme);
        WebhookRequest inbound;
        if (requestFile != null) {
            if (bodyFile != null || !headers.headers.isEmpty() || !form.params.isEmpty() || form.url != null) {
                throw Usage.error(spec, "--request carries the headers and body: do not combine it with -H, --body-file, --param or --url");
            }
            RecordedRequest recorded = RecordedRequest.read(spec, "--request", requestFile);
            inbound = recorded.toWebhookRequest(now.orElse(recorded.receivedAt()));
        } else {
            inbound = InboundRequests.build(spec, env, headers, form, bodyFile, now.orElseGet(() -> env.clock().instant()));
        }

        VerificationResult result = scheme.verify(inbound, keyRing);
        if (result.isValid()) {
            env.out().println(Verdicts.describe(result));
            return ExitCodes.OK;
        }
        Reason reason = result.failure().orElseThrow();
        env.out().println("invalid: " + reason.name());
        hint(reason, inbound).ifPresent(h -> env.err().println("hint: " + h));
        return ExitCodes.NEGATIVE;
    }

    /** The usual cause of each failure, for people debugging their first integration. */
    private Optional<String> hint(Reason reason, WebhookRequest inbound) {
        byte[] body = inbound.body();
        switch (reason) {
            case SIGNATURE_MISMATCH:
                if (body.length > 0 && body[body.length - 1] == '\n') {
                    return Optional.of("the body ends with a newline; senders sign the exact bytes they send "
                            + "(echo adds one: use printf or --body-file)");
                }
                return Optional.of("check the secret and that the body is byte for byte what was sent (" + body.length + " bytes)");
            case MISSING_SIGNATURE:
                return Optional.of("pass the signature header with -H 'Name: value' (or name it with --signature-header)");
            case MISSING_TIMESTAMP:
                return Optional.of("pass the scheme's timestamp header with -H 'Name: value'");
            case TIMESTAMP_EXPIRED:
                return Optional.of(nowSeconds == null
                        ? "the signed timestamp is too far from now; replay a captured request with --now EPOCH_SECONDS"
                        : "the signed timestamp is too far from --now; widen the window with --tolerance SECONDS");
            default:
                return Optional.empty();
        }
    }
}
