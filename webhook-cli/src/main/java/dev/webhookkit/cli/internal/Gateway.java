package dev.webhookkit.cli.internal;

import dev.webhookkit.actions.ForwardHops;
import dev.webhookkit.admin.AdminApi;
import dev.webhookkit.admin.AdminServlet;
import dev.webhookkit.admin.BearerTokenAuthorizer;
import dev.webhookkit.admin.spi.HealthCheck;
import dev.webhookkit.console.ConsoleServlet;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.servlet.WebhookEventStreamServlet;
import dev.webhookkit.servlet.WebhookFilter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway of {@code serve}: stores, dedup and rate limits, the receiver, the
 * dispatcher, and Jetty serving the receiver filter under {@code /webhooks}, the admin API under
 * {@code /admin}, the event stream at {@value #STREAM_PATH} and the web console under {@code /console/}.
 *
 * <p>{@link #close()} stops in the order that loses nothing: Jetty stops taking requests and lets
 * those in flight finish (at most {@link #HTTP_DRAIN}), the receiver finishes its async handlers
 * ({@link #RECEIVER_DRAIN}), the dispatcher lets deliveries in flight finish and gives claimed
 * messages back ({@link #DISPATCHER_DRAIN}), then Redis and the connection pool are closed.
 * Thread-safe; closing twice does nothing.
 */
final class Gateway implements AutoCloseable {
    /** Where the admin API is mounted. */
    static final String ADMIN_PATH = "/admin/*";
    /** Where the event stream is served (an exact path, so it wins over the admin API's /admin/*). */
    static final String STREAM_PATH = "/admin/events/stream";
    /** Where the web console is served; it calls the admin API at /admin with the token the user gives it. */
    static final String CONSOLE_PATH = "/console/*";
    static final Duration HTTP_DRAIN = Duration.ofSeconds(10);
    static final Duration RECEIVER_DRAIN = Duration.ofSeconds(10);
    static final Duration DISPATCHER_DRAIN = Duration.ofSeconds(10);
    /** Request threads: the receiver's handlers run on them. */
    static final int MAX_THREADS = 64;
    static final int DISPATCHER_WORKERS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Server server;
    private final ServerConnector connector;
    private final WebhookEventStreamServlet stream;
    private final WebhookReceiver receiver;
    private final WebhookDispatcher dispatcher;
    private final List<AutoCloseable> resources;
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Gateway(Server server, ServerConnector connector, WebhookEventStreamServlet stream, WebhookReceiver receiver,
            WebhookDispatcher dispatcher, List<AutoCloseable> resources, String host) {
        this.server = server;
        this.connector = connector;
        this.stream = stream;
        this.receiver = receiver;
        this.dispatcher = dispatcher;
        this.resources = resources;
        this.host = host;
    }

    /** Thrown when the port cannot be bound: a usage error. */
    static final class PortUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens the stores, seeds them with the definitions, and starts serving.
     *
     * @throws dev.webhookkit.core.DependencyUnavailableException when PostgreSQL or Redis cannot be reached
     * @throws PortUnavailableException when the port is taken or the address is not this machine's
     */
    static Gateway start(ServeSettings settings, CliEnvironment env) {
        Objects.requireNonNull(settings, "settings");
        Clock clock = env.clock();
        List<AutoCloseable> resources = new ArrayList<>(); // closed last to first
        try {
            GatewayStores stores = settings.jdbc().map(jdbc -> GatewayStores.postgres(jdbc, settings.endpointJson(), clock)).orElseGet(() -> GatewayStores.inMemory(clock));
            resources.add(stores);
            GatewayGuards guards = settings.redis().map(GatewayGuards::redis).orElseGet(() -> GatewayGuards.inMemory(clock));
            resources.add(guards);

            settings.definitions().ifPresent(file -> DefinitionSeeder.report(
                    DefinitionSeeder.seed(file, stores.endpoints(), stores.subscriptions()), file, env.err()));

            WebhookReceiver receiver = WebhookReceiver.builder()
                    .registry(stores.endpoints())
                    .eventLog(stores.events())
                    .deduplicator(guards.deduplicator())
                    .rateLimiter(guards.rateLimiter())
                    .clock(clock)
                    .shutdownTimeout(RECEIVER_DRAIN)
                    .stageAfter(StageName.VERIFY, ForwardHops.guard()) // forwards between gateways end (508) instead of looping
                    .build();
            SsrfGuard ssrfGuard = settings.ssrfGuard();
            WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                    .store(stores.messages())
                    .subscriptions(stores.subscriptions())
                    .ssrfGuard(ssrfGuard)
                    .workers(DISPATCHER_WORKERS)
                    .clock(clock)
                    .build();
            settings.actions().attach(dispatcher);
            AdminApi.Builder admin = AdminApi.builder()
                    .receiver(receiver)
                    .dispatcher(dispatcher)
                    .authorizer(BearerTokenAuthorizer.builder().allTenantsToken(settings.adminToken()).build())
                    .clock(clock)
                    .endpointJson(settings.endpointJson())
                    .urlGuard(ssrfGuard);
            guards.redis().ifPresent(redis -> admin.healthCheck("redis", HealthCheck.probe(redis::ping)));
            WebhookEventStreamServlet stream = WebhookEventStreamServlet.builder(receiver)
                    .authorizer(new AdminTokenStreamAuthorizer(settings.adminToken()))
                    .build();

            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
            threads.setName("webhook-serve");
            Server server = new Server(threads);
            server.setStopTimeout(HTTP_DRAIN.toMillis());
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.bind().getHostAddress());
            connector.setPort(settings.port());
            server.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
            context.setContextPath("/");
            FilterHolder filter = new FilterHolder(WebhookFilter.builder(receiver).clock(clock).build());
            filter.setAsyncSupported(true);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
            ServletHolder streamHolder = new ServletHolder("event-stream", stream);
            streamHolder.setAsyncSupported(true);
            context.addServlet(streamHolder, STREAM_PATH);
            context.addServlet(new ServletHolder("admin", new AdminServlet(admin.build())), ADMIN_PATH);
            context.addServlet(new ServletHolder("console", new ConsoleServlet("/admin")), CONSOLE_PATH);
            context.addServlet(new ServletHolder("not-found", new NotFoundServlet()), "/");
            // Jetty answers only what finished within the drain; later requests get 503 while stopping.
            server.setHandler(new GracefulHandler(context));

            Gateway gateway = new Gateway(server, connector, stream, receiver, dispatcher, resources,
                    hostForUrls(settings.bind().getHostAddress()));
            try {
                server.start();
            } catch (Exception e) {
                gateway.close();
                if (e instanceof IOException) {
                    throw new PortUnavailableException(e.getMessage(), e);
                }
                throw new IllegalStateException("Jetty did not start: " + e.getMessage(), e);
            }
            return gateway;
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** {@code http://HOST:PORT/} with the port actually bound. */
    String url() {
        return "http://" + host + ":" + port() + "/";
    }

    int port() {
        return connector.getLocalPort();
    }

    WebhookReceiver receiver() {
        return receiver;
    }

    WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        drainHttp();
        receiver.close();
        if (!dispatcher.close(DISPATCHER_DRAIN)) {
            LOG.warn("dispatcher: deliveries still running after {} were interrupted; their messages stay pending", DISPATCHER_DRAIN);
        }
        closeAll(resources);
    }

    private void drainHttp() {
        try {
            var drained = Graceful.shutdown(server); // stops accepting; new requests on open connections get 503
            stream.destroy(); // open streams never end by themselves: they would hold the drain to its deadline
            drained.get(HTTP_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("requests still running after {} are cut off", HTTP_DRAIN);
        } catch (ExecutionException e) {
            LOG.warn("draining requests failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping Jetty failed: {}", e.toString());
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    private static String hostForUrls(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
