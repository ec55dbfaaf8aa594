package dev.webhookkit.cli.internal;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.verify.SignatureScheme;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code webhook listen}: a local receiver that shows what each incoming webhook verifies and maps to. */
@Command(name = "listen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Receive webhooks on a local port and show what each one verifies and maps to.",
            "Requests are served by a small pool of threads; one that is not read within",
            "--read-timeout seconds has its connection closed.",
            "Prints each request as it arrives: the verification result, the event type",
            "and the normalized alerts. With --forward-to, verified events are re-signed",
            "and sent on. Repeated deliveries are processed again (no delivery dedup).",
            "Stop it with Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "2:usage error (unknown scheme or provider, port in use ...)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  webhook listen --port 8080 --scheme github --secret-env GITHUB_WEBHOOK_SECRET --provider github",
            "",
            "  webhook listen --port 9000 --scheme standard-webhooks --secret whsec_... \\",
            "      --forward-to http://127.0.0.1:3000/webhooks",
            "",
            "  # record every delivery, and answer 503 after 2 s to watch the sender retry",
            "  webhook listen --port 8080 --scheme github --secret-env GITHUB_WEBHOOK_SECRET \\",
            "      --record ./deliveries --respond 503 --respond-delay 2000",
            "",
            "  # port 0 picks a free port; the first line says which",
            "  webhook listen --port 0 --scheme slack --secret 8f742231b10e8888abcd99yyyzzz85a5"})
public final class ListenCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "P", description = "Port to listen on; 0 picks a free one.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Mixin
    SchemeSelection schemeSelection;

    @Mixin
    SecretOptions secrets;

    @Option(names = "--read-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "Close a connection whose request is not read within this many seconds (default: ${DEFAULT-VALUE}).")
    int readTimeoutSeconds;

    @Option(names = "--provider", paramLabel = "ID", completionCandidates = Providers.Ids.class,
            description = "Map payloads with this provider's mapper: ${COMPLETION-CANDIDATES}.")
    String provider;

    @Option(names = "--forward-to", paramLabel = "URL",
            description = "Re-sign verified events with the same scheme and secret and POST them here.")
    String forwardTo;

    @Option(names = "--record", paramLabel = "DIR",
            description = "Save every request as one JSON file in DIR (created if missing): method, path, headers, "
                    + "body (base64, and as text when UTF-8), receivedAt and verdict. Replay them with 'webhook replay'.")
    Path recordDir;

    @Option(names = "--record-max-files", defaultValue = "1000", paramLabel = "N",
            description = "Stop recording after N files, so a flood cannot fill the disk (default: ${DEFAULT-VALUE}; "
                    + "bodies are capped at 1 MiB as always).")
    long recordMaxFiles;

    @Option(names = "--respond", paramLabel = "CODE",
            description = "Answer every request with this HTTP status (200-599), to exercise a sender's retries.")
    Integer respondStatus;

    @Option(names = "--respond-delay", defaultValue = "0", paramLabel = "MS",
            description = "Wait this many milliseconds before answering (default: ${DEFAULT-VALUE}).")
    long respondDelayMillis;

    public ListenCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw Usage.error(spec, "--port must be between 0 and 65535 but was " + port);
        }
        InetAddress address = bindAddress();
        SignatureScheme scheme = schemeSelection.resolve(spec, Optional.empty());
        if (respondStatus != null && (respondStatus < 200 || respondStatus > 599)) {
            throw Usage.error(spec, "--respond must be between 200 and 599 but was " + respondStatus);
        }
        if (respondDelayMillis < 0 || respondDelayMillis > 600_000) {
            throw Usage.error(spec, "--respond-delay must be between 0 and 600000 but was " + respondDelayMillis);
        }
        if (recordMaxFiles < 1) {
            throw Usage.error(spec, "--record-max-files must be >= 1 but was " + recordMaxFiles);
        }
        Optional<RequestRecorder> recorder = recorder();
        if (readTimeoutSeconds < 1) {
            throw Usage.error(spec, "--read-timeout must be >= 1 but was " + readTimeoutSeconds);
        }
        List<String> secretValues = secrets.collect(spec, env);
        if (secretValues.isEmpty() && scheme.requiresSecrets()) {
            throw Usage.error(spec, "Missing required option: '--secret=S', '--secret-env=NAME' or '--secret-file=PATH' (scheme "
                    + scheme.schemeId() + " needs a secret)");
        }
        SecretSet keyRing = Secrets.keyRing(spec, secretValues, scheme);
        PayloadMapper mapper = provider != null ? Providers.resolve(spec, provider) : PayloadMapper.none();
        if (forwardTo != null && !scheme.canSign()) {
            throw Usage.error(spec, "--forward-to re-signs events, but --scheme " + scheme.schemeId() + " cannot sign");
        }
        Optional<Forwarder> forwarder = forwardTarget().map(uri -> new Forwarder(uri, scheme, keyRing, env.clock()));

        Endpoint endpoint;
        try {
            endpoint = Endpoint.builder(ListenHandler.ENDPOINT)
                    .verifier(scheme)
                    .secrets(keyRing)
                    .mapper(mapper)
                    .dedupWindow(Duration.ZERO)
                    .build();
        } catch (ConfigurationException e) {
            throw Usage.error(spec, e.getMessage());
        }
        WebhookReceiver receiver = WebhookReceiver.builder()
                .endpoint(endpoint)
                .clock(env.clock())
                .eventLog(EventLog.inMemory(64, 1024))
                .build();

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            receiver.close();
            throw Usage.error(spec, "--port " + port + ": cannot listen on " + bind + ": " + e.getMessage());
        }
        int actualPort = server.getAddress().getPort();
        String hostForUrls = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        RequestPool pool = new RequestPool(Duration.ofSeconds(readTimeoutSeconds));
        server.setExecutor(pool);
        server.createContext("/", new ListenHandler(receiver, forwarder, env.out(), env.clock(), hostForUrls + ":" + actualPort,
                pool::requestRead, recorder, Optional.ofNullable(respondStatus), Duration.ofMillis(respondDelayMillis)));
        server.start();

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                server.stop(0);
                pool.close();
                receiver.close();
                env.out().println("stopped");
                stopped.countDown();
            }
        };
        // Registered before the banner: whoever reads "press Ctrl-C" may stop us at once.
        Registration hook = env.shutdownHooks().register(stop);
        env.out().println("listening on http://" + hostForUrls + ":" + actualPort + "/ (scheme " + scheme.schemeId()
                + ", provider " + (provider != null ? provider : "none") + ")");
        forwarder.ifPresent(f -> env.out().println("forwarding verified events to " + f.target()));
        recorder.ifPresent(r -> env.out().println("recording requests in " + r.dir()));
        env.out().println("press Ctrl-C to stop");
        try {
            stopped.await();
        } finally {
            hook.close();
            stop.run();
        }
        return ExitCodes.OK;
    }

    private Optional<RequestRecorder> recorder() {
        if (recordDir == null) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(recordDir);
        } catch (IOException e) {
            throw Usage.error(spec, "--record " + recordDir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        if (!Files.isDirectory(recordDir) || !Files.isWritable(recordDir)) {
            throw Usage.error(spec, "--record " + recordDir + ": not a writable directory");
        }
        return Optional.of(new RequestRecorder(recordDir.toAbsolutePath().normalize(), recordMaxFiles));
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw Usage.error(spec, "--bind: unknown address '" + bind + "'");
        }
    }

    private Optional<URI> forwardTarget() {
        if (forwardTo == null) {
            return Optional.empty();
        }
        return Optional.of(HttpUrls.parse(spec, "--forward-to", forwardTo));
    }
}
