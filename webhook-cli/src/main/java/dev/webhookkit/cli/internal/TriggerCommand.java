package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SigningInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webhook trigger}: sends a provider's sample delivery, with its headers and, given a secret, its signature. */
@Command(name = "trigger", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Send a realistic sample delivery of a provider to --to URL: its body, its own",
            "headers (event type, a fresh delivery id per send) and, when a secret is given,",
            "its signature with the provider's scheme (or --scheme). Every provider has a",
            "firing and a resolved sample; EVENT defaults to the first (firing) one.",
            "'webhook trigger --list' prints every PROVIDER/EVENT pair.",
            "Prints one line: PROVIDER/EVENT -> STATUS, or PROVIDER/EVENT -> failed: WHY."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the answer was 2xx (or --list)", "1:the answer was not 2xx, or the request could not be sent",
            "2:usage error (unknown provider or event, bad option)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  webhook trigger --list",
            "  webhook trigger prometheus --to http://127.0.0.1:8080/webhooks/prometheus",
            "  webhook trigger prometheus resolved --to http://127.0.0.1:8080/webhooks/prometheus",
            "",
            "  # signed as GitHub signs it (X-Hub-Signature-256)",
            "  webhook trigger github push --to http://127.0.0.1:8080/webhooks/github --secret-env GITHUB_WEBHOOK_SECRET",
            "",
            "  # a provider without a scheme of its own, signed with one the receiver checks",
            "  webhook trigger datadog --to http://127.0.0.1:8080/webhooks/datadog --scheme basic-auth --secret user:pass"})
public final class TriggerCommand implements Callable<Integer> {
    private static final String DELIVERY = "{delivery}";

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROVIDER", completionCandidates = ProviderIds.class,
            description = "Provider id: ${COMPLETION-CANDIDATES}.")
    String provider;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EVENT", description = "Sample to send (default: the provider's first, a firing one).")
    String event;

    @Option(names = "--list", description = "Print every PROVIDER/EVENT pair, one per line, and exit.")
    boolean list;

    @Option(names = "--to", paramLabel = "URL", description = "Where to send it (http or https).")
    String to;

    @Option(names = "--scheme", paramLabel = "ID", completionCandidates = SchemeSelection.SchemeIds.class,
            description = "Sign with this scheme instead of the provider's own: ${COMPLETION-CANDIDATES}.")
    String scheme;

    @Mixin
    SecretOptions secrets;

    public TriggerCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (list) {
            if (provider != null || to != null) {
                throw Usage.error(spec, "--list takes no PROVIDER, EVENT or --to");
            }
            TriggerSamples.providers().values().forEach(p -> p.events().forEach(e -> env.out().println(p.id() + "/" + e.name())));
            return ExitCodes.OK;
        }
        if (provider == null) {
            throw Usage.error(spec, "Missing PROVIDER (run 'webhook trigger --list' for provider/event pairs)");
        }
        TriggerSamples.Provider p = TriggerSamples.provider(provider).orElseThrow(() -> Usage.error(spec,
                "Unknown provider '" + provider + "'. Known: " + String.join(", ", TriggerSamples.providers().keySet())
                        + " (run 'webhook trigger --list' for provider/event pairs)"));
        TriggerSamples.Event sample = event == null ? p.events().get(0) : p.event(event).orElseThrow(() -> Usage.error(spec,
                "Unknown event '" + event + "' for " + p.id() + ". Known: "
                        + String.join(", ", p.events().stream().map(TriggerSamples.Event::name).toList())
                        + " (run 'webhook trigger --list' for provider/event pairs)"));
        if (to == null) {
            throw Usage.error(spec, "Missing required option: '--to=URL'");
        }
        URI target = OutboundRequests.target(spec, to);
        Optional<OutboundRequests.Signer> signer = signer(p);

        String line = p.id() + "/" + sample.name() + " -> ";
        boolean ok;
        try {
            HttpResponse<Void> response = OutboundRequests.client().send(request(target, p, sample, signer), HttpResponse.BodyHandlers.discarding());
            line += response.statusCode() + signer.map(s -> " (signed: " + s.scheme().schemeId() + ")").orElse("");
            ok = response.statusCode() / 100 == 2;
        } catch (IOException e) {
            line += OutboundRequests.failure(e);
            ok = false;
        }
        env.out().println(line);
        return ok ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    private HttpRequest request(URI target, TriggerSamples.Provider p, TriggerSamples.Event sample, Optional<OutboundRequests.Signer> signer) {
        String delivery = UUID.randomUUID().toString();
        byte[] body = sample.body();
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .timeout(OutboundRequests.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        addAll(b, p.headers(), delivery);
        addAll(b, sample.headers(), delivery);
        if (signer.isPresent()) {
            SigningInput input = new SigningInput(delivery, env.clock().instant().truncatedTo(ChronoUnit.SECONDS), body,
                    target.toString(), Map.of());
            Headers signature = signer.get().scheme().sign(input, signer.get().secrets());
            signature.toMap().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        }
        return b.build();
    }

    private static void addAll(HttpRequest.Builder b, Map<String, String> headers, String delivery) {
        headers.forEach((name, value) -> b.header(name, value.replace(DELIVERY, delivery)));
    }

    private Optional<OutboundRequests.Signer> signer(TriggerSamples.Provider p) {
        List<String> values = secrets.collect(spec, env);
        if (scheme == null && values.isEmpty()) {
            return Optional.empty();
        }
        String id = scheme != null ? scheme : p.scheme().orElseThrow(() -> Usage.error(spec,
                p.id() + " has no signature scheme of its own: pass --scheme with the secret (run 'webhook schemes')"));
        return Optional.of(OutboundRequests.signer(spec, id, values, ": only the original sender holds its keys"));
    }

    /** The provider ids with samples, for help text and shell completion. */
    public static final class ProviderIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TriggerSamples.providers().keySet().iterator();
        }
    }
}
