package dev.webhookkit.core.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.util.List;
import java.util.Optional;

/**
 * The key a delivery is deduplicated on, built only from what an attacker cannot change without the
 * secret: the delivery id the signature authenticates, else a header the endpoint explicitly trusts,
 * else the SHA-256 of the raw body. Scoped by endpoint so two endpoints never share keys.
 */
public final class DeliveryKeys {
    private DeliveryKeys() {
    }

    /** Empty when there is no authenticated or trusted id and the endpoint does not hash bodies. */
    public static Optional<String> of(Endpoint endpoint, WebhookRequest request, VerificationResult verification) {
        Optional<String> signedId = verification.authenticatedId();
        if (signedId.isPresent()) {
            return Optional.of(endpoint.name() + ":id:" + signedId.get());
        }
        List<String> headers = endpoint.deliveryIdHeaders();
        for (int i = 0; i < headers.size(); i++) {
            Optional<String> id = request.headers().first(headers.get(i));
            if (id.isPresent() && !id.get().isBlank()) {
                return Optional.of(endpoint.name() + ":" + headers.get(i) + ":" + id.get().trim());
            }
        }
        if (endpoint.dedupByBodyHash()) {
            return Optional.of(endpoint.name() + ":sha256:" + Sha256.hex(request.body()));
        }
        return Optional.empty();
    }
}
