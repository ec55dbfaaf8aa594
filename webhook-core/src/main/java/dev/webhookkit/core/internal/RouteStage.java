package dev.webhookkit.core.internal;

import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.spi.ReceiveListener;

/** Finds the endpoint (with its URL token, if it has one); only enabled ones, only POST. */
final class RouteStage implements Stage {
    private final EndpointRegistry registry;
    private final ReceiveListener listener;

    RouteStage(EndpointRegistry registry, ReceiveListener listener) {
        this.registry = registry;
        this.listener = listener;
    }

    @Override
    public StageName name() {
        return StageName.ROUTE;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        ex.endpoint = registry.get(ex.endpointName).orElse(null);
        // A wrong or missing URL token is answered as an unknown endpoint, before anything that could tell them apart.
        if (ex.endpoint == null || (!ex.isReplay() && !ex.endpoint.acceptsUrlToken(lastSegment(ex.request.path())))) {
            return ex.answer(Reason.UNKNOWN_ENDPOINT);
        }
        if (!ex.endpoint.enabled()) {
            return ex.answer(Reason.ENDPOINT_DISABLED);
        }
        if (!"POST".equals(ex.request.method())) {
            return ex.answer(Reason.METHOD_NOT_ALLOWED);
        }
        if (listener != ReceiveListener.NONE) {
            String name = ex.endpoint.name();
            Chain.notify(() -> listener.routed(ex.eventId, name));
        }
        return next.proceed(ex);
    }

    /** The URL token travels as the last segment of the path: {@code <prefix>/<name>/<token>}. */
    private static String lastSegment(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
