package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.internal.PayloadParser;
import dev.webhookkit.core.spi.PayloadMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webhook map}: shows the normalized alerts a provider's payload turns into. */
@Command(name = "map", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Show the normalized alerts a provider's payload maps to.",
            "Prints a JSON array: title, severity, status, dedupKey, source, description,",
            "service, labels, links, occurredAt. An unparseable payload prints",
            "'invalid: MALFORMED_PAYLOAD' and exits 1."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:mapped (possibly to no alerts: [])", "1:invalid: MALFORMED_PAYLOAD", "2:usage error (unknown provider ...)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  webhook map --provider prometheus --body-file alertmanager.json",
            "  cat grafana.json | webhook map --provider grafana",
            "  webhook map --provider github -H 'X-GitHub-Event: workflow_run' \\",
            "      --body-file run.json",
            "  webhook map --provider uptimerobot --body-file down.form \\",
            "      -H 'Content-Type: application/x-www-form-urlencoded'"})
public final class MapCommand implements Callable<Integer> {
    private static final PayloadParser PARSER = new PayloadParser(WebhookReceiver.DEFAULT_MAX_JSON_DEPTH);

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--provider", required = true, paramLabel = "ID", completionCandidates = Providers.Ids.class,
            description = "The sender: ${COMPLETION-CANDIDATES}.")
    String provider;

    @Mixin
    RequestOptions.HeaderOptions headers;

    @Option(names = "--body-file", paramLabel = "FILE",
            description = "The payload; standard input when absent.")
    Path bodyFile;

    public MapCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() {
        PayloadMapper mapper = Providers.resolve(spec, provider);
        byte[] body = BodyInput.read(spec, env, bodyFile, "--body-file");
        WebhookRequest request = WebhookRequest.builder()
                .body(body)
                .headers(InboundRequests.headersOf(headers.headers))
                .receivedAt(env.clock().instant())
                .build();
        Optional<JsonNode> payload = PARSER.parse(request);
        if (payload.isEmpty()) {
            return malformed(body.length == 0 ? "the body is empty"
                    : "the body is not JSON (form bodies need -H 'Content-Type: " + InboundRequests.FORM + "')");
        }
        List<Alert> alerts;
        try {
            alerts = mapper.map(payload.get(), request);
        } catch (PayloadMappingException e) {
            return malformed(e.getMessage());
        }
        env.out().println(Json.indented(alerts));
        return ExitCodes.OK;
    }

    private int malformed(String why) {
        env.out().println("invalid: " + Reason.MALFORMED_PAYLOAD.name());
        env.err().println("hint: " + why);
        return ExitCodes.NEGATIVE;
    }
}
