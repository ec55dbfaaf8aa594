package dev.webhookkit.spring;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.Schemes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** GitHub-signed test deliveries, signed by the same scheme class that verifies them. */
final class Signed {
    static final String SECRET = "it-is-a-github-secret";
    static final String BODY = "{\"action\":\"opened\",\"issue\":{\"number\":7,\"title\":\"Disk full\"}}";

    private Signed() {
    }

    static Headers githubHeaders(String body, String deliveryId) {
        Headers signature = Schemes.github().sign(SigningInput.of(deliveryId, Instant.now(), body.getBytes(StandardCharsets.UTF_8), "http://127.0.0.1/"),
                SecretSet.ofValues(SECRET));
        return signature.toBuilder().set("X-GitHub-Event", "issues").set("X-GitHub-Delivery", deliveryId).set("Content-Type", "application/json").build();
    }

    static WebhookRequest github(String body, String deliveryId) {
        return WebhookRequest.builder().method("POST").path("/webhooks/github").body(body).headers(githubHeaders(body, deliveryId)).build();
    }
}
