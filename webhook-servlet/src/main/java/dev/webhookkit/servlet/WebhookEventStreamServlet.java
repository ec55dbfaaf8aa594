package dev.webhookkit.servlet;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
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
 * <p>The stream shows endpoint names, outcomes and normalized alerts (never bodies or addresses):
 * protect it like any admin page. Configured in code with {@link #builder(EventLog)}, or by the
 * container through init parameters {@value #PARAM_RECEIVER_ATTRIBUTE} (default
 * {@value WebhookFilter#DEFAULT_RECEIVER_ATTRIBUTE}), {@value #PARAM_REPLAY},
 * {@value #PARAM_HEARTBEAT_SECONDS} and {@value #PARAM_QUEUE_CAPACITY}. Thread-safe.
 */
public final class WebhookEventStreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Default heartbeat interval: 15 seconds, shorter than common proxy idle timeouts. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** Default per-client queue: 256 records. */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    /** Default replay on connect: none. */
    public static final int DEFAULT_REPLAY = 0;

    /** Init parameter: name of the {@code ServletContext} attribute holding the {@link WebhookReceiver}. */
    public static final String PARAM_RECEIVER_ATTRIBUTE = "receiverAttribute";
    /** Init parameter: how many recent records a new client gets first. */
    public static final String PARAM_REPLAY = "replay";
    /** Init parameter: heartbeat interval in seconds. */
    public static final String PARAM_HEARTBEAT_SECONDS = "heartbeatSeconds";
    /** Init parameter: per-client queue capacity. */
    public static final String PARAM_QUEUE_CAPACITY = "queueCapacity";

    private final transient StreamSettings configured;
    private transient volatile EventStreamHub hub;

    /** For containers that instantiate the servlet (web.xml): configured from init parameters in {@link #init()}. */
    public WebhookEventStreamServlet() {
        this.configured = null;
    }

    private WebhookEventStreamServlet(StreamSettings settings) {
        this.configured = settings;
    }

    /** Configures a servlet in code that streams this log (usually {@link WebhookReceiver#eventLog()}). */
    public static Builder builder(EventLog eventLog) {
        return new Builder(eventLog);
    }

    @Override
    public void init() throws ServletException {
        StreamSettings settings = configured;
        if (settings == null) {
            try {
                InitParameters params = new InitParameters(this::getInitParameter, "WebhookEventStreamServlet '" + getServletName() + "'");
                WebhookReceiver receiver = params.receiver(getServletContext(), PARAM_RECEIVER_ATTRIBUTE,
                        WebhookFilter.DEFAULT_RECEIVER_ATTRIBUTE);
                settings = builder(receiver.eventLog())
                        .replay(params.integer(PARAM_REPLAY, DEFAULT_REPLAY, 0))
                        .heartbeatInterval(Duration.ofSeconds(params.integer(PARAM_HEARTBEAT_SECONDS,
                                (int) DEFAULT_HEARTBEAT_INTERVAL.toSeconds(), 1)))
                        .queueCapacity(params.integer(PARAM_QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY, 1))
                        .settings();
            } catch (ConfigurationException e) {
                throw new ServletException(e.getMessage(), e);
            }
        }
        hub = new EventStreamHub(settings);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        hub().open(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) {
        EventStreamHub.writeHeaders(response);
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
        private int replay = DEFAULT_REPLAY;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

        private Builder(EventLog eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
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

        /** @throws ConfigurationException naming the setting when one is invalid */
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
            return new StreamSettings(eventLog, replay, heartbeatInterval, queueCapacity);
        }
    }
}
