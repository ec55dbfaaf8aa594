package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver of docs/verify.md ("Verifying webhookkit signatures in your receiver") run for
 * real: a JDK HttpServer on 127.0.0.1 verifying what a webhookkit sender signs.
 */
class ReceiverExampleTest {
    static final String SECRET = "whsec_c2VjcmV0LWJ5dGVzLWZvci1yZWNlaXZlcg==";

    HttpServer server;
    final CopyOnWriteArrayList<VerificationResult> results = new CopyOnWriteArrayList<>();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks", exchange -> {
            byte[] rawBody = exchange.getRequestBody().readAllBytes();
            VerificationResult result = WebhookVerifier.verify(
                    "standard-webhooks", SECRET, rawBody, Headers.of(exchange.getRequestHeaders()));
            results.add(result);
            exchange.sendResponseHeaders(result.isValid() ? 204 : 401, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    int post(byte[] body, Headers headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.toMap().forEach((name, values) -> values.forEach(v -> request.header(name, v)));
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void acceptsWhatAWebhookkitSenderSignsAndRejectsAChangedBody() throws Exception {
        byte[] body = "{\"event\":\"order.created\",\"data\":{\"id\":42,\"name\":\"Zo\u00eb\"}}".getBytes(StandardCharsets.UTF_8);
        Headers signed = Schemes.standardWebhooks().sign(
                SigningInput.of("msg_receiver_1", Instant.now(), body, "http://127.0.0.1/webhooks"), SecretSet.ofValues(SECRET));

        assertThat(post(body, signed)).isEqualTo(204);

        byte[] reserialized = "{\"event\": \"order.created\", \"data\": {\"id\": 42, \"name\": \"Zo\u00eb\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(post(reserialized, signed)).isEqualTo(401);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).matchedKeyId()).contains("default");
    }
}
