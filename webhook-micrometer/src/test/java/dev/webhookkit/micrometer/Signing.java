package dev.webhookkit.micrometer;

import dev.webhookkit.core.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub-signed requests for the tests (sha256 HMAC of the raw body). */
final class Signing {
    private Signing() {
    }

    static WebhookRequest github(String secret, String body, String deliveryId) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return WebhookRequest.builder().body(bytes).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + hmac(secret, bytes)).header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", deliveryId).remoteAddress("198.51.100.7").build();
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
