package dev.webhookkit.cli.internal;

import dev.webhookkit.actions.ActionPlan;
import dev.webhookkit.admin.BearerTokenAuthorizer;
import dev.webhookkit.admin.DefinitionFile;
import dev.webhookkit.admin.EndpointJson;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Registration;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.UrlCheck;
import dev.webhookkit.outbound.UrlRejection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webhook serve}: a complete webhook gateway on embedded Jetty — the receiver, the admin API,
 * the event stream and the outbound dispatcher — in memory or on PostgreSQL.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "Run a webhook gateway: webhooks are received under /webhooks/{endpoint}, the admin",
            "API answers under /admin (bearer token from --admin-token-env), the live event",
            "stream is GET /admin/events/stream (same token), and the dispatcher delivers",
            "outbound messages to subscriptions.",
            "Endpoints and subscriptions come from --config (created at start when missing;",
            "ones that exist already are kept) and from the admin API; an endpoint's",
            "actions (forward, notify, route) run on every event it accepts.",
            "Without --jdbc-url everything is kept in memory and lost on exit; with it,",
            "endpoints, subscriptions, events and messages survive a restart.",
            "Prints 'listening on http://HOST:PORT/' on standard output once it serves;",
            "SIGTERM or Ctrl-C drains requests and deliveries in flight and exits 0."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped cleanly",
            "1:a store could not be reached at start (PostgreSQL, Redis)",
            "2:usage error (no admin token, bad definitions file, port in use ...)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  export WEBHOOK_ADMIN_TOKEN=\"$(openssl rand -hex 32)\"",
            "  webhook serve --config webhooks.yaml --port 8080",
            "",
            "  export PGPASSWORD=...",
            "  webhook serve --config webhooks.yaml --jdbc-url jdbc:postgresql://127.0.0.1:5432/webhooks \\",
            "      --jdbc-user webhooks --jdbc-password-env PGPASSWORD --redis-url redis://127.0.0.1:6379"})
public final class ServeCommand implements Callable<Integer> {
    /** The environment variable the admin token is read from unless --admin-token-env names another. */
    public static final String DEFAULT_ADMIN_TOKEN_ENV = "WEBHOOK_ADMIN_TOKEN";

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Endpoint and subscription definitions (.json, .yaml or .yml) to create at start.")
    Path config;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--admin-token-env", defaultValue = DEFAULT_ADMIN_TOKEN_ENV, paramLabel = "NAME",
            description = "Environment variable holding the admin API's bearer token; required (default: ${DEFAULT-VALUE}).")
    String adminTokenEnv;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "Keep everything in this PostgreSQL database (jdbc:postgresql://HOST:PORT/DB); tables are created when missing.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user (default: the driver's).")
    String jdbcUser;

    @Option(names = "--jdbc-password-env", paramLabel = "NAME", description = "Environment variable holding the database password.")
    String jdbcPasswordEnv;

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "Share delivery dedup and rate limits through this Redis (redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS).")
    String redisUrl;

    @Option(names = "--allow-private",
            description = "Let subscriptions and endpoints' actions target loopback and private-network addresses (local testing; refused by default).")
    boolean allowPrivate;

    public ServeCommand(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = settings();
        Gateway gateway;
        try {
            gateway = Gateway.start(settings, env);
        } catch (Gateway.PortUnavailableException e) {
            throw Usage.error(spec, "--port " + port + ": cannot listen on " + bind + ": " + e.getMessage());
        } catch (DependencyUnavailableException e) {
            env.err().println("error: " + e.getMessage());
            return ExitCodes.NEGATIVE;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            gateway.close();
            stopped.countDown();
        };
        // Registered before the readiness line: whoever reads it may stop us at once.
        Registration hook = env.shutdownHooks().register(() -> {
            stop.run();
            env.err().println("stopped");
            env.shutdownHooks().stoppedCleanly(ExitCodes.OK);
        });
        env.out().println("listening on " + gateway.url());
        try {
            stopped.await();
        } finally {
            hook.close();
            stop.run();
        }
        return ExitCodes.OK;
    }

    /** The options, checked: every usage error is found here, before anything is opened. */
    ServeSettings settings() {
        if (port < 0 || port > 65_535) {
            throw Usage.error(spec, "--port must be between 0 and 65535 but was " + port);
        }
        InetAddress address = bindAddress();
        String adminToken = adminToken();
        Optional<ServeSettings.Jdbc> jdbc = jdbc();
        Optional<URI> redis = redis();
        GatewayActions actions = new GatewayActions();
        ServeSettings settings = new ServeSettings(address, port, adminToken, jdbc, redis, allowPrivate,
                definitions(actions.endpointJson()), actions);
        settings.definitions().ifPresent(file -> checkSubscriptionUrls(file, settings.ssrfGuard()));
        settings.definitions().ifPresent(file -> checkActionUrls(file, settings.ssrfGuard()));
        return settings;
    }

    /**
     * The API refuses a subscription URL its SSRF guard refuses (422); the file is held to the same
     * rule. A host that does not resolve now is let through with a note: DNS may be down at boot,
     * and the dispatcher checks again before every attempt.
     */
    private void checkSubscriptionUrls(DefinitionFile file, SsrfGuard guard) {
        for (int i = 0; i < file.subscriptions().size(); i++) {
            Subscription s = file.subscriptions().get(i);
            check(guard.check(s.url()), file.path() + ": subscriptions[" + i + "] '" + s.id() + "': url: ", "subscriptions");
        }
    }

    /** The URLs endpoints' actions send to are held to the subscriptions' rule. */
    private void checkActionUrls(DefinitionFile file, SsrfGuard guard) {
        for (int i = 0; i < file.endpoints().size(); i++) {
            Endpoint e = file.endpoints().get(i);
            for (ActionPlan.Destination d : EndpointJson.actionsOf(e).map(ActionPlan::destinations).orElse(java.util.List.of())) {
                check(guard.check(d.url()), file.path() + ": endpoints[" + i + "] '" + e.name() + "': actions" + d.field() + ": ",
                        "endpoints' actions");
            }
        }
    }

    private void check(UrlCheck check, String entry, String what) {
        if (check.rejection().filter(r -> r == UrlRejection.UNRESOLVABLE_HOST).isPresent()) {
            env.err().println("note: " + entry + check.detail() + "; the dispatcher checks it again before each attempt");
        } else if (check.rejection().isPresent()) {
            boolean privateTarget = check.rejection().get() == UrlRejection.LOOPBACK || check.rejection().get() == UrlRejection.PRIVATE;
            throw Usage.error(spec, "--config: " + entry + "refused as a destination (" + check.rejection().get().name().toLowerCase(Locale.ROOT)
                    + "): " + check.detail() + (privateTarget && !allowPrivate ? " (--allow-private lets " + what + " target it)" : ""));
        }
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw Usage.error(spec, "--bind: unknown address '" + bind + "'");
        }
    }

    /** The admin API is never open: no token, no server. */
    private String adminToken() {
        if (adminTokenEnv.isBlank()) {
            throw Usage.error(spec, "--admin-token-env must name an environment variable");
        }
        String token = env.variable(adminTokenEnv).orElseThrow(() -> Usage.error(spec, "--admin-token-env: environment variable '"
                + adminTokenEnv + "' is not set; the admin API needs a bearer token (e.g. export " + adminTokenEnv
                + "=\"$(openssl rand -hex 32)\")"));
        if (token.isBlank()) {
            throw Usage.error(spec, "--admin-token-env: environment variable '" + adminTokenEnv + "' is empty");
        }
        if (!token.equals(token.strip())) {
            throw Usage.error(spec, "--admin-token-env: the token in '" + adminTokenEnv + "' starts or ends with white space");
        }
        try {
            BearerTokenAuthorizer.builder().allTenantsToken(token).build(); // the API's own rule for tokens
        } catch (ConfigurationException e) {
            throw Usage.error(spec, "--admin-token-env: the token in '" + adminTokenEnv + "' is refused: " + e.getMessage()
                    + " (e.g. openssl rand -hex 32)");
        }
        return token;
    }

    /** Read while the options are checked: a bad file is a usage error before anything is opened. */
    private Optional<DefinitionFile> definitions(EndpointJson endpointJson) {
        if (config == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DefinitionFile.reader()
                    .endpointJson(endpointJson)
                    .environment(name -> env.variable(name).orElse(null))
                    .read(config));
        } catch (ConfigurationException e) {
            // The message names the file, the entry and the field, never a secret.
            throw Usage.error(spec, "--config: " + e.getMessage());
        }
    }

    private Optional<ServeSettings.Jdbc> jdbc() {
        if (jdbcUrl == null) {
            if (jdbcUser != null || jdbcPasswordEnv != null) {
                throw Usage.error(spec, (jdbcUser != null ? "--jdbc-user" : "--jdbc-password-env") + " needs --jdbc-url");
            }
            return Optional.empty();
        }
        // Never echo the URL: it may carry a password parameter.
        if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw Usage.error(spec, "--jdbc-url must be a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        Optional<String> password = Optional.empty();
        if (jdbcPasswordEnv != null) {
            String value = env.variable(jdbcPasswordEnv).orElseThrow(() -> Usage.error(spec, "--jdbc-password-env: environment variable '"
                    + jdbcPasswordEnv + "' is not set"));
            password = Optional.of(value);
        }
        return Optional.of(new ServeSettings.Jdbc(jdbcUrl, Optional.ofNullable(jdbcUser), password));
    }

    private Optional<URI> redis() {
        if (redisUrl == null) {
            return Optional.empty();
        }
        String shape = "--redis-url must be redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://…";
        try {
            URI uri = new URI(redisUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("redis") || scheme.equals("rediss")) || uri.getHost() == null) {
                throw Usage.error(spec, shape);
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw Usage.error(spec, shape); // the URL itself may hold a password: not repeated
        }
    }
}
