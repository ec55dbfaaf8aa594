package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.AttemptOutcome;
import dev.webhookkit.core.Headers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The client set-up the dispatcher uses: HTTP/1.1, no redirects, a connect timeout. */
    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    int lanes() {
        return clients.size();
    }

    /**
     * Sends and waits.
     *
     * @throws InterruptedException when the worker is interrupted (shutdown past its deadline)
     */
    TransportResult post(int lane, URI url, byte[] body, Headers headers, Duration timeout) throws InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : headers.toMap().entrySet()) {
            for (String v : h.getValue()) {
                rb.header(h.getKey(), v);
            }
        }
        HttpRequest request;
        try {
            request = rb.build();
        } catch (IllegalArgumentException e) {
            return TransportResult.failed(AttemptOutcome.NOT_SENT, "request could not be built: " + e.getMessage(), 0);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = clients.get(Math.floorMod(lane, clients.size())).send(request, SnippetSubscriber.handler(snippetBytes));
            return TransportResult.answered(response.statusCode(), response.body(), response.headers().firstValue("Retry-After"),
                    System.nanoTime() - start);
        } catch (HttpConnectTimeoutException e) {
            return TransportResult.failed(AttemptOutcome.TIMEOUT, "connect timed out: " + message(e), System.nanoTime() - start);
        } catch (HttpTimeoutException e) {
            return TransportResult.failed(AttemptOutcome.TIMEOUT, "no answer within " + timeout + ": " + message(e), System.nanoTime() - start);
        } catch (ConnectException e) {
            return TransportResult.failed(AttemptOutcome.CONNECTION_ERROR, "connection failed: " + message(e), System.nanoTime() - start);
        } catch (IOException | UnresolvedAddressException e) {
            return TransportResult.failed(AttemptOutcome.CONNECTION_ERROR, message(e), System.nanoTime() - start);
        } catch (IllegalArgumentException | SecurityException e) {
            return TransportResult.failed(AttemptOutcome.NOT_SENT, "request refused by the HTTP client: " + message(e), System.nanoTime() - start);
        }
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
