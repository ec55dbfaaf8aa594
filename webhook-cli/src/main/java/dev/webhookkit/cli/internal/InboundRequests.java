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
     * The request {@code verify} checks: the body is the {@code --param}s, form-encoded, when there
     * are any (with a form Content-Type unless one is given), else the file or standard input.
     */
    static WebhookRequest build(CommandSpec spec, CliEnvironment env, RequestOptions.HeaderOptions headerOptions,
                                RequestOptions.FormOptions form, Path bodyFile, Instant receivedAt) {
        Headers headers = headersOf(headerOptions.headers);
        byte[] body = form.body(spec, env, bodyFile);
        if (!form.params.isEmpty() && !headers.contains("Content-Type")) {
            headers = headers.toBuilder().add("Content-Type", FORM).build();
        }
        WebhookRequest.Builder b = WebhookRequest.builder().body(body).headers(headers).receivedAt(receivedAt);
        if (form.url != null) {
            b.url(form.url);
        }
        return b.build();
    }

    static Headers headersOf(List<HeaderLine> lines) {
        Headers.Builder b = Headers.builder();
        lines.forEach(h -> b.add(h.name(), h.value()));
        return b.build();
    }
}
