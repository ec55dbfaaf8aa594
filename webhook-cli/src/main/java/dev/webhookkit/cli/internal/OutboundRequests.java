package dev.webhookkit.cli.internal;

import dev.webhookkit.core.SecretSet;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What the commands that send requests ({@code replay}, {@code trigger}) share: the target, the client, the signer. */
final class OutboundRequests {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OutboundRequests() {
    }

    /** A scheme that signs and the key ring it signs with. */
    record Signer(SignatureScheme scheme, SecretSet secrets) {
    }

    /** @throws picocli.CommandLine.ParameterException (exit 2) unless {@code to} is an http or https URL with a host */
    static URI target(CommandSpec spec, String to) {
        return HttpUrls.parse(spec, "--to", to);
    }

    /** A client that never follows redirects: the answer printed is the target's own. */
    static HttpClient client() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The signer for {@code --scheme id} and the secrets given.
     *
     * @param cannotSign what to add when the scheme cannot sign (why, or what to do instead)
     */
    static Signer signer(CommandSpec spec, String id, List<String> secrets, String cannotSign) {
        if (!Schemes.ids().contains(id)) {
            throw Usage.unknownId(spec, "--scheme", id, Schemes.ids());
        }
        SignatureScheme scheme = Schemes.byId(id);
        if (!scheme.canSign()) {
            throw Usage.error(spec, "--scheme " + id + " cannot sign" + cannotSign);
        }
        return new Signer(scheme, Secrets.keyRing(spec, secrets, scheme));
    }

    /** The line's tail for a request that got no answer. */
    static String failure(IOException e) {
        return "failed: " + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
}
