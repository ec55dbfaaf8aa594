package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SigningInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code webhook replay}: sends requests recorded by {@code listen --record} again, exactly or re-signed. */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Send requests recorded by 'webhook listen --record DIR' again, to --to URL.",
            "By default each is sent exactly as recorded: the same method, headers and body,",
            "byte for byte, so a signature that was valid then is checked again as it was",
            "(a timestamped scheme will now find it too old). With --resign the signature",
            "headers are made anew with --scheme and the secret, at the current time.",
            "A directory is replayed in file-name order (the order they arrived), its *.json",
            "files only. Prints one line per request: FILE -> STATUS, or FILE -> failed: WHY."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every answer was 2xx", "1:some answer was not 2xx, or a request could not be sent",
            "2:usage error (bad option, missing or malformed record file)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  webhook replay deliveries/ --to http://127.0.0.1:8080/webhooks/github",
            "",
            "  # re-signed now with the right secret",
            "  webhook replay deliveries/20260304T101500.123Z-000001.json --to http://127.0.0.1:8080/webhooks/github \\",
            "      --resign --scheme github --secret-env GITHUB_WEBHOOK_SECRET"})
public final class ReplayCommand implements Callable<Integer> {
    /** Headers the HTTP client sets itself, or that describe the old connection. */
    private static final Set<String> NOT_SENT = Set.of("connection", "content-length", "date", "expect", "host", "upgrade",
            "via", "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection");
    private static final List<String> MESSAGE_ID_HEADERS = List.of("webhook-id", "svix-id");
    private static final int MAX_FILES = 10_000;

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A recorded request, or a directory of them.")
    Path source;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "Where to send them (http or https).")
    String to;

    @Option(names = "--resign", description = "Sign each request again, now, with --scheme and the secret.")
    boolean resign;

    @Option(names = "--scheme", paramLabel = "ID", completionCandidates = SchemeSelection.SchemeIds.class,
            description = "Signature scheme for --resign: ${COMPLETION-CANDIDATES}.")
    String scheme;

    @Mixin
    SecretOptions secrets;

    public ReplayCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        URI target = OutboundRequests.target(spec, to);
        Optional<OutboundRequests.Signer> signer = signer();
        List<Path> files = files();
        List<RecordedRequest> requests = new ArrayList<>();
        for (Path file : files) {
            // All are read before any is sent: a malformed file stops the run before it half-happens.
            requests.add(RecordedRequest.read(spec, "replay", file));
        }
        HttpClient client = OutboundRequests.client();
        boolean all2xx = true;
        for (int i = 0; i < files.size(); i++) {
            String line = files.get(i).getFileName() + " -> ";
            try {
                HttpResponse<Void> response = client.send(request(target, requests.get(i), signer, files.get(i)),
                        HttpResponse.BodyHandlers.discarding());
                line += response.statusCode() + (resign ? " (re-signed)" : "");
                all2xx &= response.statusCode() / 100 == 2;
            } catch (IOException e) {
                line += OutboundRequests.failure(e);
                all2xx = false;
            } catch (ConfigurationException e) {
                line += "failed: cannot sign with " + scheme + ": " + e.getMessage();
                all2xx = false;
            }
            env.out().println(line);
        }
        return all2xx ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    private HttpRequest request(URI target, RecordedRequest recorded, Optional<OutboundRequests.Signer> signer, Path file) {
        Headers signature = Headers.empty();
        if (signer.isPresent()) {
            String messageId = recorded.headers().firstOf(MESSAGE_ID_HEADERS).orElse(file.getFileName().toString());
            SigningInput input = new SigningInput(messageId, env.clock().instant().truncatedTo(ChronoUnit.SECONDS),
                    recorded.body(), target.toString(), recorded.toWebhookRequest(env.clock().instant()).formParameters());
            signature = signer.get().scheme().sign(input, signer.get().secrets());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .timeout(OutboundRequests.TIMEOUT)
                .method(recorded.method(), HttpRequest.BodyPublishers.ofByteArray(recorded.body()));
        Headers newSignature = signature;
        recorded.headers().toMap().forEach((name, values) -> {
            if (!newSignature.contains(name) && !NOT_SENT.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> addIfAllowed(b, name, v));
            }
        });
        newSignature.toMap().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return b.build();
    }

    private static void addIfAllowed(HttpRequest.Builder request, String name, String value) {
        try {
            request.header(name, value);
        } catch (IllegalArgumentException restricted) {
            // A header the JDK client reserves for itself: the target gets the client's value.
        }
    }

    private List<Path> files() {
        if (Files.isDirectory(source)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(source, "*.json")) {
                for (Path p : dir) {
                    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        files.add(p);
                    }
                    if (files.size() > MAX_FILES) {
                        throw Usage.error(spec, "replay: more than " + MAX_FILES + " files in '" + source + "'");
                    }
                }
            } catch (IOException e) {
                throw Usage.error(spec, "replay: cannot list '" + source + "': " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw Usage.error(spec, "replay: no *.json files in '" + source + "'");
            }
            files.sort(null);
            return files;
        }
        if (!Files.isRegularFile(source)) {
            throw Usage.error(spec, "replay: no such file or directory '" + source + "'");
        }
        return List.of(source);
    }

    private Optional<OutboundRequests.Signer> signer() {
        boolean secretGiven = !secrets.isEmpty();
        if (!resign) {
            if (scheme != null || secretGiven) {
                throw Usage.error(spec, "--scheme and --secret are for --resign; without it requests are sent exactly as recorded");
            }
            return Optional.empty();
        }
        if (scheme == null) {
            throw Usage.error(spec, "--resign needs --scheme");
        }
        List<String> values = secrets.collect(spec, env);
        return Optional.of(OutboundRequests.signer(spec, scheme, values, ""));
    }
}
