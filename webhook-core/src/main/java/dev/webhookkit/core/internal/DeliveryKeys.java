package dev.webhookkit.core.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.WebhookRequest;
import java.util.List;
import java.util.Optional;

/**
 * The key a delivery is deduplicated on: the sender's delivery id header when there is one, else
 * the SHA-256 of the raw body. Scoped by endpoint so two endpoints never share keys.
 */
public final class DeliveryKeys {
    private DeliveryKeys() {
    }

    /** Empty when the request has no id header and the endpoint does not hash bodies. */
    public static Optional<String> of(Endpoint endpoint, WebhookRequest request) {
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
