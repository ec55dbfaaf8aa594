package dev.webhookkit.servlet;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.Registration;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import dev.webhookkit.servlet.internal.EventStreamHub;
import dev.webhookkit.servlet.internal.InitParameters;
import dev.webhookkit.servlet.internal.StreamSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The event log as a live stream of Server-Sent Events ({@code text/event-stream}): every record
 * the receiver writes from now on becomes one event,
 * <pre>
 * id: 5b0c…
 * data: {"eventId":"5b0c…","endpoint":"alerts","status":200,"reason":"PROCESSED","eventType":"alert.firing","alerts":[…],"receivedAt":"2026-…Z"}
 * </pre>
 * An asynchronous event appears twice under one id: ACCEPTED, then its outcome. Query parameters:
 * {@code endpoint} (repeated or comma-separated) streams only those endpoints' records;
 * {@code replay=N} asks for fewer than the configured number of recent records to be sent first.
 * A comment line is sent every {@link Builder#heartbeatInterval heartbeat interval}.
 *
 * <p>Must be registered with async support ({@code <async-supported>true</async-supported>},
 * {@code setAsyncSupported(true)}). Writing uses non-blocking I/O from one shared thread, so a slow
 * client never holds up the receiver or other clients: each client has a bounded queue, and records
 * that do not fit are dropped and reported with a comment ({@code : dropped N events …}). A client
 * that disconnects is noticed at the next write or heartbeat, and its listener removed.
 *
 * <h2>Access</h2>
 * The stream shows endpoint names, outcomes and normalized alerts (never bodies or addresses), so
 * it is guarded like an admin page: every servlet has an {@link EventStreamAuthorizer}, or was
 * explicitly built {@link Builder#allowAnonymous() anonymous} (for a stream protected in front of
 * the servlet); building without either fails. A denied request is answered 401 or 403 with no event
 * data. At most {@link Builder#maxClients maxClients} streams are open at once (more are answered 503
 * with {@code Retry-After}), and each is ended after {@link Builder#maxConnectionLifetime
 * maxConnectionLifetime} (the browser's {@code EventSource} reconnects, and is authorized again).
 *
 * <p>Configured in code with {@link #builder(WebhookReceiver)}, or by the container through init
 * parameters {@value #PARAM_RECEIVER_ATTRIBUTE} (default {@value WebhookFilter#DEFAULT_RECEIVER_ATTRIBUTE}),
 * {@value #PARAM_REPLAY}, {@value #PARAM_HEARTBEAT_SECONDS}, {@value #PARAM_QUEUE_CAPACITY},
 * {@value #PARAM_MAX_CLIENTS}, {@value #PARAM_MAX_CONNECTION_LIFETIME_SECONDS} and exactly one of
 * {@value #PARAM_REQUIRED_ROLE}, {@value #PARAM_AUTHORIZER_ATTRIBUTE} or {@value #PARAM_ALLOW_ANONYMOUS}
 * ({@code init()} fails without one). Thread-safe.
 */
public final class WebhookEventStreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Default heartbeat interval: 15 seconds, shorter than common proxy idle timeouts. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** Default per-client queue: 256 records. */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    /** Default replay on connect: none. */
    public static final int DEFAULT_REPLAY = 0;
    /** Default cap on open streams: 16. */
    public static final int DEFAULT_MAX_CLIENTS = 16;
    /** Default lifetime of one stream: 30 minutes. */
    public static final Duration DEFAULT_MAX_CONNECTION_LIFETIME = Duration.ofMinutes(30);

    /** Init parameter: name of the {@code ServletContext} attribute holding the {@link WebhookReceiver}. */
    public static final String PARAM_RECEIVER_ATTRIBUTE = "receiverAttribute";
    /** Init parameter: how many recent records a new client gets first. */
    public static final String PARAM_REPLAY = "replay";
    /** Init parameter: heartbeat interval in seconds. */
    public static final String PARAM_HEARTBEAT_SECONDS = "heartbeatSeconds";
    /** Init parameter: per-client queue capacity. */
    public static final String PARAM_QUEUE_CAPACITY = "queueCapacity";
    /** Init parameter: how many streams may be open at once. */
    public static final String PARAM_MAX_CLIENTS = "maxClients";
    /** Init parameter: seconds after which a stream is ended. */
    public static final String PARAM_MAX_CONNECTION_LIFETIME_SECONDS = "maxConnectionLifetimeSeconds";
    /** Init parameter: a role the container's authenticated user must have ({@link EventStreamAuthorizer#requireRole}). */
    public static final String PARAM_REQUIRED_ROLE = "requiredRole";
    /** Init parameter: name of the {@code ServletContext} attribute holding an {@link EventStreamAuthorizer}. */
    public static final String PARAM_AUTHORIZER_ATTRIBUTE = "authorizerAttribute";
    /** Init parameter: {@code true} to stream to anyone (only behind another guard: a security constraint, a proxy). */
    public static final String PARAM_ALLOW_ANONYMOUS = "allowAnonymous";

    private final transient StreamSettings configured;
    private transient volatile EventStreamHub hub;

    /** For containers that instantiate the servlet (web.xml): configured from init parameters in {@link #init()}. */
    public WebhookEventStreamServlet() {
        this.configured = null;
    }

    private WebhookEventStreamServlet(StreamSettings settings) {
        this.configured = settings;
    }

    /** Configures a servlet in code that streams what this receiver records (replaying from its event log). */
    public static Builder builder(WebhookReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        return new Builder(receiver.eventLog(), receiver::addRecordListener);
    }

    /** For tests: a history and a live source of records apart. */
    static Builder builder(EventLog history, Function<EventLogListener, Registration> live) {
        return new Builder(history, live);
    }

    @Override
    public void init() throws ServletException {
        StreamSettings settings = configured;
        if (settings == null) {
            try {
                InitParameters params = new InitParameters(this::getInitParameter, "WebhookEventStreamServlet '" + getServletName() + "'");
                WebhookReceiver receiver = params.receiver(getServletContext(), PARAM_RECEIVER_ATTRIBUTE,
                        WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE);
                Builder builder = builder(receiver)
                        .replay(params.integer(PARAM_REPLAY, DEFAULT_REPLAY, 0))
                        .heartbeatInterval(Duration.ofSeconds(params.integer(PARAM_HEARTBEAT_SECONDS,
                                (int) DEFAULT_HEARTBEAT_INTERVAL.toSeconds(), 1)))
                        .queueCapacity(params.integer(PARAM_QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY, 1))
                        .maxClients(params.integer(PARAM_MAX_CLIENTS, DEFAULT_MAX_CLIENTS, 1))
                        .maxConnectionLifetime(Duration.ofSeconds(params.integer(PARAM_MAX_CONNECTION_LIFETIME_SECONDS,
                                (int) DEFAULT_MAX_CONNECTION_LIFETIME.toSeconds(), 1)));
                configureAccess(builder, params);
                settings = builder.settings();
            } catch (ConfigurationException e) {
                throw new ServletException(e.getMessage(), e);
            }
        }
        hub = new EventStreamHub(settings);
    }

    private void configureAccess(Builder builder, InitParameters params) {
        String owner = "WebhookEventStreamServlet '" + getServletName() + "'";
        var role = params.string(PARAM_REQUIRED_ROLE);
        var attribute = params.string(PARAM_AUTHORIZER_ATTRIBUTE);
        boolean anonymous = params.bool(PARAM_ALLOW_ANONYMOUS, false);
        int chosen = (role.isPresent() ? 1 : 0) + (attribute.isPresent() ? 1 : 0) + (anonymous ? 1 : 0);
        if (chosen != 1) {
            throw new ConfigurationException(owner + ": set exactly one of the init parameters '" + PARAM_REQUIRED_ROLE + "', '"
                    + PARAM_AUTHORIZER_ATTRIBUTE + "' or '" + PARAM_ALLOW_ANONYMOUS + "=true' (the stream shows every endpoint's"
                    + " traffic, so it is never open by default)");
        }
        if (role.isPresent()) {
            builder.authorizer(EventStreamAuthorizer.requireRole(role.get()));
        } else if (attribute.isPresent()) {
            Object value = getServletContext().getAttribute(attribute.get());
            if (!(value instanceof EventStreamAuthorizer authorizer)) {
                throw new ConfigurationException(owner + ": ServletContext attribute '" + attribute.get() + "' holds "
                        + (value == null ? "nothing" : "a " + value.getClass().getName()) + ", not an EventStreamAuthorizer");
            }
            builder.authorizer(authorizer);
        } else {
            builder.allowAnonymous();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        hub().open(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (hub().admits(request, response)) {
            EventStreamHub.writeHeaders(response);
        }
    }

    /** Ends every open stream. */
    @Override
    public void destroy() {
        EventStreamHub current = hub;
        if (current != null) {
            current.close();
        }
    }

    /** How many clients are connected now. */
    public int connectedClients() {
        EventStreamHub current = hub;
        return current == null ? 0 : current.clientCount();
    }

    private EventStreamHub hub() {
        EventStreamHub current = hub;
        if (current == null) {
            throw new IllegalStateException("WebhookEventStreamServlet is not initialized: the container has not called init()");
        }
        return current;
    }

    /** Configures a {@link WebhookEventStreamServlet}; not thread-safe. */
    public static final class Builder {
        private final EventLog eventLog;
        private final Function<EventLogListener, Registration> live;
        private int replay = DEFAULT_REPLAY;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private EventStreamAuthorizer authorizer;
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private Duration maxConnectionLifetime = DEFAULT_MAX_CONNECTION_LIFETIME;

        private Builder(EventLog eventLog, Function<EventLogListener, Registration> live) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
            this.live = Objects.requireNonNull(live, "live");
        }

        /** How many recent {@link EventRecord}s a new client gets before live ones (default 0). */
        public Builder replay(int replay) {
            this.replay = replay;
            return this;
        }

        /** How often each stream gets a comment line (default 15 s). */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
            return this;
        }

        /** How many records wait per client before newer ones are dropped (default 256). */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Who may open a stream; required unless {@link #allowAnonymous()}. Replaces an earlier choice. */
        public Builder authorizer(EventStreamAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /**
         * Streams to anyone who reaches the servlet: only for a stream already guarded in front of it
         * (a container security constraint, a filter, a proxy that authenticates). Replaces an earlier choice.
         */
        public Builder allowAnonymous() {
            this.authorizer = request -> EventStreamAuthorizer.Decision.ALLOW;
            return this;
        }

        /** How many streams may be open at once; more are answered 503 with {@code Retry-After} (default 16). */
        public Builder maxClients(int maxClients) {
            this.maxClients = maxClients;
            return this;
        }

        /** How long one stream stays open before the servlet ends it (default 30 minutes; at least 1 second). */
        public Builder maxConnectionLifetime(Duration maxConnectionLifetime) {
            this.maxConnectionLifetime = Objects.requireNonNull(maxConnectionLifetime, "maxConnectionLifetime");
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid, or when no authorizer was chosen */
        public WebhookEventStreamServlet build() {
            return new WebhookEventStreamServlet(settings());
        }

        StreamSettings settings() {
            if (replay < 0) {
                throw new ConfigurationException("replay must be >= 0 but was " + replay);
            }
            if (heartbeatInterval.toMillis() <= 0) {
                throw new ConfigurationException("heartbeatInterval must be >= 1 ms but was " + heartbeatInterval);
            }
            if (queueCapacity <= 0) {
                throw new ConfigurationException("queueCapacity must be > 0 but was " + queueCapacity);
            }
            if (maxClients <= 0) {
                throw new ConfigurationException("maxClients must be > 0 but was " + maxClients);
            }
            if (maxConnectionLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new ConfigurationException("maxConnectionLifetime must be >= 1 s but was " + maxConnectionLifetime);
            }
            if (authorizer == null) {
                throw new ConfigurationException("WebhookEventStreamServlet needs an authorizer: call authorizer(...), or"
                        + " allowAnonymous() when the stream is guarded in front of the servlet");
            }
            return new StreamSettings(eventLog, live, replay, heartbeatInterval, queueCapacity, authorizer, maxClients, maxConnectionLifetime);
        }
    }
}
