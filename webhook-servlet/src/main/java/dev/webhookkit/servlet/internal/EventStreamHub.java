package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.servlet.EventStreamAuthorizer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected clients of one event stream servlet, and the single daemon thread that writes to
 * them (writes never block it: they are non-blocking), sends heartbeats and ends streams whose
 * lifetime is over. Admits a client only when the authorizer allows it and a slot is free.
 * Thread-safe.
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

    /** Seconds a client over the cap is asked to wait (the same as the stream's own {@code retry:}). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private final StreamSettings settings;
    private final ScheduledThreadPoolExecutor writer;
    /** Each open client, with the task that ends it at the end of its lifetime. */
    private final Map<EventStreamClient, ScheduledFuture<?>> clients = new ConcurrentHashMap<>();
    /** Slots taken, counted before a client exists so that the cap holds under concurrent connects. */
    private final AtomicInteger admitted = new AtomicInteger();

    public EventStreamHub(StreamSettings settings) {
        this.settings = settings;
        this.writer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "webhookkit-event-stream");
            t.setDaemon(true);
            return t;
        });
        writer.setRemoveOnCancelPolicy(true); // an ended stream's lifetime task must not linger for its whole lifetime
        long period = settings.heartbeat().toMillis();
        writer.scheduleAtFixedRate(() -> clients.keySet().forEach(EventStreamClient::heartbeat), period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Answers one GET: 401/403 when the authorizer denies it, 503 with {@code Retry-After} when
     * {@code maxClients} streams are open, else a stream that lasts until the client leaves, its
     * lifetime ends or the servlet is destroyed.
     */
    public void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.isAsyncSupported()) {
            LOG.error("WebhookEventStreamServlet must be registered with async support (asyncSupported=true)");
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "event stream needs async support");
            return;
        }
        if (!admits(request, response)) {
            return;
        }
        if (!takeSlot()) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            plain(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "too many event stream clients");
            return;
        }
        Predicate<EventRecord> filter = endpointFilter(request);
        EventStreamClient client;
        try {
            writeHeaders(response);
            AsyncContext async = request.startAsync();
            async.setTimeout(0); // the lifetime task below ends the stream; heartbeats find clients that left
            client = new EventStreamClient(async, response.getOutputStream(), filter, settings.queueCapacity(), writer, this::closed);
        } catch (IOException | RuntimeException e) {
            admitted.decrementAndGet();
            throw e;
        }
        clients.put(client, writer.schedule(client::close, settings.maxConnectionLifetime().toMillis(), TimeUnit.MILLISECONDS));
        if (client.isClosed()) {
            ScheduledFuture<?> expiry = clients.remove(client); // ended before it was listed: closed() found nothing
            if (expiry != null) {
                expiry.cancel(false);
            }
        }
        int replay = replay(request);
        try {
            client.start(settings.eventLog(), settings.live(), replay, filter == ALL ? replay : Math.max(replay, REPLAY_SCAN_LIMIT), OPENING);
            client.beginWriting();
        } catch (RuntimeException e) {
            client.close(); // an event log that cannot be read or listened to: end this stream, not the servlet
            throw e;
        }
    }

    /**
     * Runs the authorizer; answers a denial (no event data). An authorizer that throws denies.
     * Also used for HEAD, so that the headers say nothing to a caller who may not stream.
     */
    public boolean admits(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EventStreamAuthorizer.Decision decision;
        try {
            decision = settings.authorizer().authorize(request);
        } catch (RuntimeException e) {
            LOG.error("event stream authorizer failed; the request is denied", e);
            plain(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "event stream authorization failed");
            return false;
        }
        if (decision == EventStreamAuthorizer.Decision.ALLOW) {
            return true;
        }
        if (decision == EventStreamAuthorizer.Decision.UNAUTHENTICATED) {
            plain(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required");
        } else {
            plain(response, HttpServletResponse.SC_FORBIDDEN, "forbidden"); // also for a null decision: deny
        }
        return false;
    }

    private boolean takeSlot() {
        while (true) {
            int now = admitted.get();
            if (now >= settings.maxClients()) {
                return false;
            }
            if (admitted.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Called once per client, when it ends for any reason: frees its slot and its lifetime task. */
    private void closed(EventStreamClient client) {
        ScheduledFuture<?> expiry = clients.remove(client);
        if (expiry != null) {
            expiry.cancel(false);
        }
        admitted.decrementAndGet();
    }

    private static void plain(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
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
        clients.keySet().forEach(EventStreamClient::close);
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
