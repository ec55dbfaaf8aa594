package dev.webhookkit.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.verify.Schemes;
import dev.webhookkit.verify.SigningKeys;
import dev.webhookkit.verify.WebhookVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a receiver outside webhookkit verifies our webhooks with webhook-verify alone: a JDK
 * {@link HttpServer} handler that reads the raw bytes and calls {@link WebhookVerifier#verify}.
 * Only {@link #handle} is the receiver's code; {@link #main} sends it one webhook through a
 * {@link WebhookDispatcher} and one forged copy, and prints what it answered.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -DskipTests package exec:java
 * -Dexec.mainClass=dev.webhookkit.examples.VerifyInYourReceiver}.
 */
public final class VerifyInYourReceiver {
    /** The scheme the subscription signs with: Standard Webhooks, with a signed timestamp against replays. */
    static final String SCHEME = "standard-webhooks";

    private final String secret;

    /** @param secret the subscription's {@code whsec_…} secret, shared with the sender */
    VerifyInYourReceiver(String secret) {
        this.secret = secret;
    }

    /** The receiver's handler: verify the bytes exactly as they arrived, and only then parse them. */
    void handle(HttpExchange exchange) throws IOException {
        byte[] rawBody = exchange.getRequestBody().readAllBytes();
        VerificationResult result = WebhookVerifier.verify(SCHEME, secret, rawBody, Headers.of(exchange.getRequestHeaders()));
        if (!result.isValid()) {
            System.out.println("receiver: refused, " + result.failure().orElseThrow());
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        // Verified: now parse rawBody as JSON and handle it; deduplicate on the webhook-id header.
        System.out.println("receiver: verified " + exchange.getRequestHeaders().getFirst("webhook-id") + ": "
                + new String(rawBody, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    public static void main(String[] args) throws Exception {
        String secret = SigningKeys.newSecret(); // whsec_…: the sender shows it once to the subscriber
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks", new VerifyInYourReceiver(secret)::handle);
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks");
        try (WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .ssrfGuard(SsrfGuard.builder().allow("127.0.0.1").build()).workers(1).httpClients(1).build()) {
            dispatcher.subscriptions().create(Subscription.builder("partner", url.toString()).scheme(SCHEME).secret(secret).build());
            List<String> ids = dispatcher.publish("invoice.paid", Map.of("invoice", "in_1029", "amount", 4200, "currency", "EUR"));
            SenderExample.awaitFinished(dispatcher, ids, SenderExample.DELIVERY_DEADLINE);
            System.out.println("sender:   message " + ids.get(0) + " answered " + dispatcher.log().attempts(ids.get(0)).get(0).statusCode());
            System.out.println("sender:   a forged copy (a signature made with another secret) answered " + sendForged(url));
        } finally {
            server.stop(0);
        }
    }

    /** A webhook signed with a secret the receiver does not know. */
    private static int sendForged(URI url) throws IOException, InterruptedException {
        byte[] body = "{\"event\":\"invoice.paid\",\"data\":{\"invoice\":\"in_1029\",\"amount\":1}}".getBytes(StandardCharsets.UTF_8);
        Headers forged = Schemes.standardWebhooks().sign(SigningInput.of("msg_forged", Instant.now(), body, url.toString()),
                SecretSet.ofValues(SigningKeys.newSecret()));
        return RawPost.send(HttpClient.newHttpClient(), url, body, forged).status();
    }
}
