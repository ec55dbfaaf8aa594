package dev.webhookkit.examples;

import dev.webhookkit.actions.ForwardHops;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.mapping.JsonPathFilters;
import dev.webhookkit.mapping.Mappers;
import dev.webhookkit.mapping.MustacheTemplateRenderer;
import dev.webhookkit.servlet.WebhookEventStreamServlet;
import dev.webhookkit.servlet.WebhookFilter;
import dev.webhookkit.verify.Schemes;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A webhook receiver on embedded Jetty 12: {@link WebhookFilter} under {@code /webhooks/*} with
 * three endpoints, and the live event log as Server-Sent Events under {@code /events}.
 * <ul>
 *   <li>{@code POST /webhooks/generic}: any tool that signs with HMAC-SHA256
 *       ({@code X-Webhook-Signature: sha256=<hex>}), such as webhookkit's own dispatcher; the generic
 *       {@code webhook} mapper, a Mustache message, and info-severity events filtered out.</li>
 *   <li>{@code POST /webhooks/alertmanager}: Prometheus Alertmanager, which cannot sign: a bearer
 *       token ({@code http_config.authorization.credentials}) and the {@code prometheus} mapper.</li>
 *   <li>{@code POST /webhooks/github}: GitHub ({@code X-Hub-Signature-256}) and the {@code github} mapper.</li>
 * </ul>
 *
 * <p>Run it with {@code mvn -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.webhookkit.examples.ReceiverExample [-Dexec.args=8080]}; it prints every event
 * as it arrives until Ctrl-C.
 */
public final class ReceiverExample implements AutoCloseable {
    /** What the generic endpoint writes for each alert (Mustache; see docs/mapping.md for the variables). */
    static final String GENERIC_MESSAGE = "{{#alerts}}[{{severity}}] {{title}} ({{status}}){{/alerts}}";

    private final WebhookReceiver receiver;
    private final WebhookEventStreamServlet eventStream;
    private final Server server;
    private final URI baseUri;

    private ReceiverExample(WebhookReceiver receiver, WebhookEventStreamServlet eventStream, Server server, URI baseUri) {
        this.receiver = receiver;
        this.eventStream = eventStream;
        this.server = server;
        this.baseUri = baseUri;
    }

    /** Starts the receiver on 127.0.0.1; port 0 picks a free one. */
    public static ReceiverExample start(int port, Secrets secrets) throws Exception {
        return start(port, secrets, null);
    }

    /**
     * As {@link #start(int, Secrets)}, with a handler for the generic endpoint's handled events
     * (the demo's forward and notify actions); {@code null} keeps the default.
     */
    public static ReceiverExample start(int port, Secrets secrets, EventHandler genericHandler) throws Exception {
        WebhookReceiver receiver = receiver(secrets, genericHandler);
        // Anonymous only because this example listens on 127.0.0.1; a deployed stream takes an
        // authorizer, e.g. .authorizer(EventStreamAuthorizer.requireRole("webhook-admin")).
        WebhookEventStreamServlet eventStream = WebhookEventStreamServlet.builder(receiver).allowAnonymous().build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(servletContext(receiver, eventStream));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            receiver.close();
            throw e;
        }
        return new ReceiverExample(receiver, eventStream, server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /** The three endpoints; everything else (dedup, event log, rate limiter) is the in-memory default. */
    static WebhookReceiver receiver(Secrets secrets, EventHandler genericHandler) {
        Endpoint.Builder generic = Endpoint.builder("generic");
        if (genericHandler != null) {
            generic.handler(genericHandler);
        }
        return WebhookReceiver.builder()
                .endpoint(generic
                        .verifier(Schemes.hmacSha256()).secret(secrets.generic())
                        .mapper(Mappers.byId("webhook"))
                        // An event passes when at least one of its alerts is above info.
                        .filter(JsonPathFilters.alertCondition("generic", "$.severity != 'info'"))
                        .templateRenderer(MustacheTemplateRenderer.create())
                        .messageTemplate(GENERIC_MESSAGE)
                        .build())
                .endpoint(Endpoint.builder("alertmanager")
                        .verifier(Schemes.bearerToken()).secret(secrets.alertmanagerToken())
                        .mapper(Mappers.byId("prometheus"))
                        .build())
                .endpoint(Endpoint.builder("github")
                        .verifier(Schemes.github()).secret(secrets.github())
                        .mapper(Mappers.byId("github"))
                        .build())
                // Refuses a request that has gone round a forwarding loop (508) before it is parsed.
                .stageAfter(StageName.VERIFY, ForwardHops.guard())
                .build();
    }

    private static ServletContextHandler servletContext(WebhookReceiver receiver, WebhookEventStreamServlet eventStream) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        FilterHolder filter = new FilterHolder(WebhookFilter.builder(receiver).prefix("/webhooks/*").build());
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder events = new ServletHolder("events", eventStream);
        events.setAsyncSupported(true); // the stream writes asynchronously
        context.addServlet(events, "/events");
        return context;
    }

    /** {@code http://127.0.0.1:<port>/webhooks/<endpoint>}. */
    public URI endpointUri(String endpoint) {
        return baseUri.resolve("/webhooks/" + Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return baseUri;
    }

    public WebhookReceiver receiver() {
        return receiver;
    }

    /** Every request's outcome, newest first, with live listeners. */
    public EventLog eventLog() {
        return receiver.eventLog();
    }

    /** Ends the event streams, stops Jetty (waiting up to 2 s for requests in flight), then the receiver. */
    @Override
    public void close() {
        // An open stream is a request in flight: left open, it would hold Jetty's graceful stop to the timeout.
        eventStream.destroy();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        } finally {
            receiver.close();
        }
    }

    /**
     * The endpoints' secrets. Real ones come from your secret store; {@link #demo()} has fixed
     * values so the examples can talk to each other.
     *
     * @param generic the HMAC-SHA256 key of the generic endpoint
     * @param alertmanagerToken the bearer token Alertmanager sends
     * @param github the GitHub webhook secret
     */
    public record Secrets(String generic, String alertmanagerToken, String github) {
        public Secrets {
            Objects.requireNonNull(generic, "generic");
            Objects.requireNonNull(alertmanagerToken, "alertmanagerToken");
            Objects.requireNonNull(github, "github");
        }

        public static Secrets demo() {
            return new Secrets("demo-generic-secret", "demo-alertmanager-token", "demo-github-secret");
        }

        @Override
        public String toString() {
            return "Secrets[****]";
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        ReceiverExample example = start(port, Secrets.demo());
        example.receiver().addRecordListener(record -> System.out.println(describe(record)));
        Runtime.getRuntime().addShutdownHook(new Thread(example::close));
        System.out.println("Receiving webhooks on " + example.endpointUri("") + "{generic,alertmanager,github}"
                + "; live events on " + example.baseUri().resolve("/events") + ". Ctrl-C stops.");
        // Jetty's threads keep the JVM running until Ctrl-C.
    }

    private static String describe(EventRecord r) {
        String alerts = r.alerts().isEmpty() ? "" : "  " + r.alerts().size() + " alert(s): " + r.alerts().get(0).title();
        String message = r.message().isEmpty() ? "" : "  message: " + r.message();
        return r.receivedAt() + "  " + r.endpoint() + "  " + r.status() + " " + r.reason() + alerts + message;
    }
}
