package dev.webhookkit.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A client of the event stream that collects its lines on a reader thread. */
final class SseConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE event: its {@code id:} and parsed {@code data:}. */
    record Event(String id, JsonNode data) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseConnection(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::readLines, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseConnection open(HttpClient http, URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        HttpRequest request = builder.GET().build();
        // The timeout above bounds the wait for the headers; the body is read by the reader thread.
        return new SseConnection(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next line that matches, skipping others; fails after {@code timeout}. */
    String nextLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no matching line within " + timeout);
            }
            if (matching.test(line)) {
                return line;
            }
        }
    }

    /** The next event (an {@code id:} line followed by its {@code data:} line). */
    Event nextEvent(Duration timeout) throws InterruptedException, IOException {
        String id = nextLine(l -> l.startsWith("id: "), timeout).substring(4);
        String data = nextLine(l -> true, timeout);
        if (!data.startsWith("data: ")) {
            throw new AssertionError("expected a data line after id " + id + " but got '" + data + "'");
        }
        return new Event(id, JSON.readTree(data.substring(6)));
    }

    /** The next event that matches, skipping others. */
    Event nextEvent(Predicate<Event> matching, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (matching.test(event)) {
                return event;
            }
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // closed by the test or the server
        }
    }

    /** True once the server ended the stream (the reader saw its end), waiting at most {@code timeout}. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        return !reader.isAlive();
    }

    /** Disconnects. */
    @Override
    public void close() throws IOException {
        response.body().close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
