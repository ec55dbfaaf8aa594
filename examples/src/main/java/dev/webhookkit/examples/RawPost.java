package dev.webhookkit.examples;

import dev.webhookkit.core.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs a raw body with headers, as any webhook sender does, and reads the receiver's answer. */
final class RawPost {
    /** The header in which WebhookFilter answers with the receiver's event id. */
    static final String EVENT_ID_HEADER = "X-Webhookkit-Event-Id";

    private RawPost() {
    }

    /**
     * The receiver's answer.
     *
     * @param status the HTTP status
     * @param eventId the receiver's event id, "" when it sent none
     */
    record Answer(int status, String eventId) {
    }

    static Answer send(HttpClient client, URI uri, byte[] body, Headers headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.names().forEach(name -> headers.all(name).forEach(value -> request.header(name, value)));
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        return new Answer(response.statusCode(), response.headers().firstValue(EVENT_ID_HEADER).orElse(""));
    }
}
