package dev.webhookkit.cli.internal;

import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.admin.EndpointJson;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The actions configured on {@code serve}'s endpoints (forward, notify, route; {@code run} has no
 * tasks here, there is no host code): the endpoint codec that reads them — the same for the
 * definitions file, the admin API and the database — and the gateway's dispatcher they send
 * through, {@link #attach attached} once it is built (the stores that decode endpoints come first).
 * Thread-safe.
 */
final class GatewayActions {
    private final AtomicReference<WebhookDispatcher> dispatcher = new AtomicReference<>();
    private final EndpointJson endpointJson = EndpointJson.builder()
            .actions(ActionDefinitions.builder().dispatcher(dispatcher::get).build())
            .build();

    EndpointJson endpointJson() {
        return endpointJson;
    }

    /** From now on, endpoints' actions send through this dispatcher. */
    void attach(WebhookDispatcher dispatcher) {
        this.dispatcher.set(Objects.requireNonNull(dispatcher, "dispatcher"));
    }
}
