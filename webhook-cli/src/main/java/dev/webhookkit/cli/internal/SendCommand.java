package dev.webhookkit.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DispatchListener;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.RetryPolicy;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.outbound.spi.Envelope;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SignatureScheme;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webhook send}: delivers one event through webhook-outbound, with retries, printing every attempt. */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Deliver one signed event with retries, printing every attempt.",
            "Uses webhook-outbound's dispatcher and retry policy with short delays",
            "(0 s, 1 s, 2 s, 4 s, then 8 s); a 4xx answer other than 408, 425 and 429",
            "is final at once, as is 410. The body is the envelope",
            "{\"event\", \"timestamp\", \"data\"} ({\"type\", ...} for Standard Webhooks schemes).",
            "Exits 0 when delivered, 1 when not."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:delivered (2xx)", "1:not delivered (dead-lettered, or refused by the SSRF guard)", "2:usage error"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  echo '{\"id\":42}' | webhook send --url https://hooks.example.com/in \\",
            "      --secret s3cret --event order.created",
            "",
            "  webhook send --url http://127.0.0.1:8080/hooks --allow-private \\",
            "      --scheme standard-webhooks --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \\",
            "      --event incident.created --data-file incident.json --max-attempts 5"})
public final class SendCommand implements Callable<Integer> {
    static final String DEFAULT_SCHEME = "hmac-sha256";
    static final String SUBSCRIPTION_ID = "cli";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "Where to POST the event (http or https).")
    String url;

    @Option(names = "--secret", required = true, paramLabel = "S",
            description = "Secret to sign with (the private key for public-key schemes); repeat for a key ring.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--event", required = true, paramLabel = "TYPE", description = "The event type, e.g. order.created.")
    String eventType;

    @Option(names = "--scheme", defaultValue = DEFAULT_SCHEME, paramLabel = "ID", completionCandidates = SchemeSelection.SchemeIds.class,
            description = "Signature scheme (default: ${DEFAULT-VALUE}): ${COMPLETION-CANDIDATES}.")
    String scheme;

    @Option(names = "--data-file", paramLabel = "FILE",
            description = "The event's data, JSON; standard input when absent (nothing, or a terminal, means {}).")
    Path dataFile;

    @Option(names = "--max-attempts", defaultValue = "3", paramLabel = "N", description = "Attempts before giving up (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long each attempt may take, the whole answer included (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--allow-private",
            description = "Allow private and loopback addresses (127.0.0.1, 10.x, 192.168.x ...); refused otherwise.")
    boolean allowPrivate;

    public SendCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw Usage.error(spec, "--max-attempts must be between 1 and 100 but was " + maxAttempts);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (timeoutSeconds < 1 || timeout.compareTo(Subscription.MAX_TIMEOUT) > 0) {
            throw Usage.error(spec, "--timeout must be between 1 and " + Subscription.MAX_TIMEOUT.toSeconds() + " seconds but was " + timeoutSeconds);
        }
        if (eventType.isBlank()) {
            throw Usage.error(spec, "--event must not be blank");
        }
        URI target = targetUrl();
        if (!Schemes.ids().contains(scheme)) {
            throw Usage.unknownId(spec, "--scheme", scheme, Schemes.ids());
        }
        SignatureScheme signer = Schemes.byId(scheme);
        if (!signer.canSign()) {
            throw Usage.error(spec, "--scheme " + scheme + " cannot sign: only the original sender holds its keys");
        }
        SecretSet keyRing = Secrets.keyRing(spec, secrets);
        checkSecretsSign(signer, keyRing, target);
        JsonNode data = readData();
        if (data == null) {
            env.out().println("invalid: " + Reason.MALFORMED_PAYLOAD.name());
            env.err().println("hint: the event data must be JSON");
            return ExitCodes.NEGATIVE;
        }

        SubscriptionRegistry subscriptions = SubscriptionRegistry.inMemory();
        subscriptions.create(Subscription.builder(SUBSCRIPTION_ID, target.toString())
                .secrets(keyRing)
                .signer(signer)
                .timeout(timeout)
                .maxAttempts(maxAttempts)
                .build());
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try (WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .subscriptions(subscriptions)
                .retryPolicy(retryPolicy())
                .envelope(envelopeFor(scheme))
                .ssrfGuard(allowPrivate ? SsrfGuard.builder().allowLoopback().allowPrivateNetworks().build() : SsrfGuard.strict())
                .clock(env.clock())
                .workers(1)
                .httpClients(1)
                .pollInterval(Duration.ofMillis(50))
                .listener(new Printer(outcome))
                .build()) {
            dispatcher.publish(eventType, data);
            return report(await(outcome, timeout));
        }
    }

    /** Standard Webhooks receivers expect {@code type}; everyone else gets webhookkit's {@code event}. */
    static Envelope envelopeFor(String schemeId) {
        return schemeId.startsWith("standard-webhooks") || schemeId.equals("svix") ? Envelope.standardWebhooks() : Envelope.standard();
    }

    /** What the dispatcher finally did with the message. */
    private record Outcome(boolean delivered, OutboundMessage message, DeliveryAttempt last) {
    }

    /** Prints every attempt as the dispatcher's worker makes it, and completes with the final outcome. */
    private final class Printer implements DispatchListener {
        private final CompletableFuture<Outcome> outcome;

        Printer(CompletableFuture<Outcome> outcome) {
            this.outcome = outcome;
        }

        @Override
        public void onAttempt(DeliveryAttempt attempt) {
            env.out().println(describe(attempt));
        }

        @Override
        public void onDelivered(OutboundMessage message, DeliveryAttempt attempt) {
            outcome.complete(new Outcome(true, message, attempt));
        }

        @Override
        public void onDeadLettered(OutboundMessage message, DeliveryAttempt attempt) {
            outcome.complete(new Outcome(false, message, attempt));
        }
    }

    /** {@code attempt 2: 503 in 12 ms} or {@code attempt 1: connection_error in 3 ms (Connection refused)}. */
    static String describe(DeliveryAttempt a) {
        StringBuilder sb = new StringBuilder("attempt ").append(a.attemptNumber()).append(": ");
        if (a.status().isPresent()) {
            sb.append(a.statusCode());
        } else {
            sb.append(a.outcome().id());
        }
        sb.append(" in ").append(a.latency().toMillis()).append(" ms");
        a.errorMessage().ifPresent(e -> sb.append(" (").append(e).append(')'));
        return sb.toString();
    }

    private Outcome await(CompletableFuture<Outcome> outcome, Duration timeout) throws InterruptedException {
        // Every attempt ends within its timeout (connecting included); the connect timeout is slack, and the delays add up.
        Duration bound = timeout.plus(WebhookDispatcher.Builder.DEFAULT_CONNECT_TIMEOUT).multipliedBy(maxAttempts)
                .plus(env.retryUnit().multipliedBy((long) CliEnvironment.MAX_RETRY_DELAY_UNITS * maxAttempts))
                .plusSeconds(30);
        try {
            return outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("delivery listener failed", e.getCause());
        }
    }

    private int report(Outcome outcome) {
        if (outcome == null) {
            env.out().println("not delivered: no final answer in time");
            return ExitCodes.NEGATIVE;
        }
        int attempts = outcome.last().attemptNumber();
        String count = attempts + (attempts == 1 ? " attempt" : " attempts");
        if (outcome.delivered()) {
            env.out().println("delivered (message " + outcome.message().id() + ", " + count + ")");
            return ExitCodes.OK;
        }
        if (outcome.last().outcome() == AttemptOutcome.BLOCKED) {
            env.out().println("not delivered: refused by the SSRF guard; pass --allow-private to send to private or loopback addresses");
        } else {
            env.out().println("not delivered: dead-lettered after " + count);
        }
        return ExitCodes.NEGATIVE;
    }

    /** 0, 1, 2, 4, 8, 8 … retry units: short enough to watch, long enough for a restarting server. */
    private RetryPolicy retryPolicy() {
        List<Duration> schedule = new ArrayList<>();
        for (int i = 0; i < maxAttempts; i++) {
            long units = i == 0 ? 0 : Math.min(1L << (i - 1), CliEnvironment.MAX_RETRY_DELAY_UNITS);
            schedule.add(env.retryUnit().multipliedBy(units));
        }
        return RetryPolicy.builder()
                .schedule(schedule)
                .maxAttempts(maxAttempts)
                .jitter(0)
                // A human at a terminal wants a bad request (400, 401, 404 ...) to fail now, not after every retry.
                .classification(RetryPolicy.Classification.CLIENT_ERRORS_FINAL)
                .maxRetryAfter(env.retryUnit().multipliedBy(CliEnvironment.MAX_RETRY_DELAY_UNITS))
                .build();
    }

    private URI targetUrl() {
        return HttpUrls.parse(spec, "--url", url);
    }

    /** A secret the scheme cannot use is a usage error now, not a dead letter later. */
    private void checkSecretsSign(SignatureScheme signer, SecretSet keyRing, URI target) {
        try {
            signer.sign(SigningInput.of("msg_check", env.clock().instant(), new byte[0], target.toString()), keyRing);
        } catch (ConfigurationException e) {
            throw Usage.error(spec, "--secret: " + e.getMessage());
        }
    }

    /** The data as JSON; {} when there is none; null when it is not JSON. */
    private JsonNode readData() {
        byte[] bytes;
        if (dataFile == null && env.stdinInteractive()) {
            bytes = new byte[0];
        } else {
            bytes = BodyInput.read(spec, env, dataFile, "--data-file");
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
