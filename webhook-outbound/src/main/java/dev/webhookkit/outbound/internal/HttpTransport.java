package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.internal.ThreadDeadline;
import dev.webhookkit.outbound.AttemptOutcome;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs over {@link HttpClient}, blocking the calling worker. The workers are spread over several
 * clients ("lanes"): each JDK client funnels all its connections through one selector thread, and
 * measured on JDK 17 one client with many requests in flight is slower than one with a few, while
 * a few clients with a few workers each beat both (see docs/outbound.md). Redirects are never
 * followed; HTTP/1.1 keeps one reused connection per busy worker.
 */
final class HttpTransport {
    private final List<HttpClient> clients;
    private final int snippetBytes;

    private HttpTransport(List<HttpClient> clients, int snippetBytes) {
        this.clients = List.copyOf(clients);
        this.snippetBytes = snippetBytes;
    }

    /** One shared client the host supplied. */
    static HttpTransport of(HttpClient client, int snippetBytes) {
        return new HttpTransport(List.of(client), snippetBytes);
    }

    /** {@code count} clients of our own. */
    static HttpTransport ownClients(int count, Duration connectTimeout, int snippetBytes) {
        List<HttpClient> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clients.add(newClient(connectTimeout));
        }
        return new HttpTransport(clients, snippetBytes);
    }

    /**
     * The client set-up the dispatcher uses: HTTP/1.1, no redirects, a connect timeout, and a
     * same-thread executor. The JDK client hands every step of an exchange from its selector thread
     * to its executor (a cached pool by default); our workers block on the answer anyway, so those
     * hand-offs only add context switches: running them on the selector thread measured about
     * twice as fast on JDK 17 (docs/outbound.md). Nothing of ours runs there: the response body
     * subscriber only copies bytes.
     */
    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(Runnable::run)
                .build();
    }

    int lanes() {
        return clients.size();
    }

    /**
     * Sends and waits at most {@code timeout} for the whole exchange, body included. The request's
     * own timeout only runs until the response headers arrive, so a subscriber that trickles its
     * body (or never finishes it) would otherwise hold the worker for ever; past the deadline the
     * exchange is cancelled, which closes its connection.
     *
     * @param headerPairs header names and values, alternating
     * @throws InterruptedException when the worker is interrupted (shutdown past its deadline)
     */
    TransportResult post(int lane, URI url, byte[] body, List<String> headerPairs, Duration timeout) throws InterruptedException {
        HttpRequest request;
        try {
            HttpRequest.Builder rb = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (int i = 0; i + 1 < headerPairs.size(); i += 2) {
                rb.header(headerPairs.get(i), headerPairs.get(i + 1));
            }
            request = rb.build();
        } catch (IllegalArgumentException e) {
            return TransportResult.failed(AttemptOutcome.NOT_SENT, "request could not be built: " + e.getMessage(), 0);
        }
        long start = System.nanoTime();
        AtomicInteger headersStatus = new AtomicInteger();
        ThreadDeadline deadline = ThreadDeadline.start(timeout);
        try {
            // Blocking send, not sendAsync: on JDK 17 sendAsync completes through the common pool, one
            // thread on 2 cores, which measured 6x slower (DispatchBenchmark). The deadline interrupts the
            // worker instead; send() then cancels the exchange, which closes its connection.
            HttpResponse<String> response = clients.get(Math.floorMod(lane, clients.size())).send(request, info -> {
                headersStatus.set(info.statusCode());
                return new SnippetSubscriber(snippetBytes);
            });
            deadline.finish();
            return TransportResult.answered(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                    System.nanoTime() - start);
        } catch (InterruptedException e) {
            if (!deadline.finish()) {
                int status = headersStatus.get();
                String what = status == 0 ? "no answer within " + timeout
                        : "answer " + status + " not complete within " + timeout + " (its body was still arriving)";
                return TransportResult.failed(AttemptOutcome.TIMEOUT, what, System.nanoTime() - start);
            }
            throw e; // interrupted by shutdown, not by the deadline
        } catch (IllegalArgumentException | SecurityException e) {
            deadline.finish();
            return TransportResult.failed(AttemptOutcome.NOT_SENT, "request refused by the HTTP client: " + message(e), System.nanoTime() - start);
        } catch (IOException | RuntimeException e) {
            deadline.finish();
            return failure(e, timeout, System.nanoTime() - start);
        }
    }

    private static TransportResult failure(Throwable cause, Duration timeout, long latencyNanos) {
        if (cause instanceof HttpConnectTimeoutException) {
            return TransportResult.failed(AttemptOutcome.TIMEOUT, "connect timed out: " + message(cause), latencyNanos);
        }
        if (cause instanceof HttpTimeoutException) {
            return TransportResult.failed(AttemptOutcome.TIMEOUT, "no answer within " + timeout + ": " + message(cause), latencyNanos);
        }
        if (cause instanceof ConnectException) {
            return TransportResult.failed(AttemptOutcome.CONNECTION_ERROR, "connection failed: " + message(cause), latencyNanos);
        }
        if (cause instanceof IllegalArgumentException || cause instanceof SecurityException) {
            return TransportResult.failed(AttemptOutcome.NOT_SENT, "request refused by the HTTP client: " + message(cause), latencyNanos);
        }
        // IOException, UnresolvedAddressException and the rest: the connection failed somewhere.
        return TransportResult.failed(AttemptOutcome.CONNECTION_ERROR, message(cause), latencyNanos);
    }

    /** The exception and its causes, "ConnectException: Connection refused", never null. */
    static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }
}
