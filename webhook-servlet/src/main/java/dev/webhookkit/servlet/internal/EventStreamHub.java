package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.EventRecord;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected clients of one event stream servlet, and the single daemon thread that writes to
 * them (writes never block it: they are non-blocking) and sends heartbeats. Thread-safe.
 */
public final class EventStreamHub implements AutoCloseable {
    /** Query parameter: endpoint names to stream (repeated or comma-separated); all when absent. */
    public static final String QUERY_ENDPOINT = "endpoint";
    /** Query parameter: how many recent records to replay first, up to the servlet's limit. */
    public static final String QUERY_REPLAY = "replay";

    /** How many of the newest records are searched for a filtered replay. */
    public static final int REPLAY_SCAN_LIMIT = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger("dev.webhookkit.servlet.WebhookEventStreamServlet");
    private static final byte[] OPENING = ": webhookkit event stream\nretry: 5000\n\n".getBytes(StandardCharsets.US_ASCII);

    private static final Predicate<EventRecord> ALL = record -> true;

    private final StreamSettings settings;
    private final ScheduledExecutorService writer;
    private final Set<EventStreamClient> clients = ConcurrentHashMap.newKeySet();

    public EventStreamHub(StreamSettings settings) {
        this.settings = settings;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhookkit-event-stream");
            t.setDaemon(true);
            return t;
        });
        long period = settings.heartbeat().toMillis();
        writer.scheduleAtFixedRate(() -> clients.forEach(EventStreamClient::heartbeat), period, period, TimeUnit.MILLISECONDS);
    }

    /** Answers one GET with a stream that lasts until the client leaves or the servlet is destroyed. */
    public void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.isAsyncSupported()) {
            LOG.error("WebhookEventStreamServlet must be registered with async support (asyncSupported=true)");
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "event stream needs async support");
            return;
        }
        writeHeaders(response);
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the stream has no end of its own; heartbeats find clients that left
        Predicate<EventRecord> filter = endpointFilter(request);
        EventStreamClient client = new EventStreamClient(async, response.getOutputStream(), filter,
                settings.queueCapacity(), writer, clients::remove);
        clients.add(client);
        int replay = replay(request);
        try {
            client.start(settings.eventLog(), replay, filter == ALL ? replay : Math.max(replay, REPLAY_SCAN_LIMIT), OPENING);
            client.beginWriting();
        } catch (RuntimeException e) {
            client.close(); // an event log that cannot be read or listened to: end this stream, not the servlet
            throw e;
        }
    }

    /** The headers of a stream, also the whole answer to HEAD. */
    public static void writeHeaders(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setHeader("X-Accel-Buffering", "no"); // tells nginx not to hold events back
    }

    public int clientCount() {
        return clients.size();
    }

    /** Ends every stream and stops the writer thread. */
    @Override
    public void close() {
        clients.forEach(EventStreamClient::close);
        writer.shutdownNow();
    }

    private int replay(HttpServletRequest request) {
        String asked = request.getParameter(QUERY_REPLAY);
        if (asked == null) {
            return settings.replay();
        }
        try {
            return Math.max(0, Math.min(settings.replay(), Integer.parseInt(asked.trim())));
        } catch (NumberFormatException e) {
            return settings.replay();
        }
    }

    private static Predicate<EventRecord> endpointFilter(HttpServletRequest request) {
        String[] values = request.getParameterValues(QUERY_ENDPOINT);
        if (values == null) {
            return ALL;
        }
        Set<String> names = Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return names.isEmpty() ? ALL : record -> names.contains(record.endpoint());
    }
}
