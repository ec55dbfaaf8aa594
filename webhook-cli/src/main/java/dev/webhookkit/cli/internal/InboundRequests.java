package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.WebhookRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the {@link WebhookRequest} a command checks from its options and body. */
final class InboundRequests {
    static final String FORM = "application/x-www-form-urlencoded";

    private InboundRequests() {
    }

    /**
     * The body is the {@code --param}s, form-encoded, when there are any (standard input is then
     * not read), else the file or standard input.
     */
    static WebhookRequest build(CommandSpec spec, CliEnvironment env, RequestOptions options, Path bodyFile, Instant receivedAt) {
        Headers headers = headersOf(options.headers);
        byte[] body;
        if (!options.params.isEmpty()) {
            if (bodyFile != null) {
                throw Usage.error(spec, "--param and --body-file cannot be used together: the parameters are the body");
            }
            body = FormParam.formBody(options.params);
            if (!headers.contains("Content-Type")) {
                headers = headers.toBuilder().add("Content-Type", FORM).build();
            }
        } else {
            body = BodyInput.read(spec, env, bodyFile, "--body-file");
        }
        WebhookRequest.Builder b = WebhookRequest.builder().body(body).headers(headers).receivedAt(receivedAt);
        if (options.url != null) {
            b.url(options.url);
        }
        return b.build();
    }

    static Headers headersOf(List<HeaderLine> lines) {
        Headers.Builder b = Headers.builder();
        lines.forEach(h -> b.add(h.name(), h.value()));
        return b.build();
    }
}
