package dev.webhookkit.core.internal;

import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;

/** Finds the endpoint; only enabled ones, only POST. */
final class RouteStage implements Stage {
    private final EndpointRegistry registry;

    RouteStage(EndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public StageName name() {
        return StageName.ROUTE;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        ex.endpoint = registry.get(ex.endpointName).orElse(null);
        if (ex.endpoint == null) {
            return ex.answer(Reason.UNKNOWN_ENDPOINT);
        }
        if (!ex.endpoint.enabled()) {
            return ex.answer(Reason.ENDPOINT_DISABLED);
        }
        if (!"POST".equals(ex.request.method())) {
            return ex.answer(Reason.METHOD_NOT_ALLOWED);
        }
        return next.proceed(ex);
    }
}
