package dev.webhookkit.core.internal;

import dev.webhookkit.core.PayloadMappingException;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookEvent;
import java.util.List;
import java.util.Map;

/** The endpoint's mapper (payload to alerts) and context extractor, into the event. */
final class MapStage implements Stage {

    @Override
    public StageName name() {
        return StageName.MAP;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        try {
            ex.alerts = List.copyOf(ex.endpoint.mapper().map(ex.payload, ex.request));
        } catch (PayloadMappingException e) {
            return ex.fail(Reason.MALFORMED_PAYLOAD, e);
        }
        Map<String, Object> context = ex.endpoint.contextExtractor().extract(ex.payload);
        ex.event = new WebhookEvent(ex.eventId, ex.endpoint, ex.request, ex.payload, ex.eventType, ex.alerts, "", context,
                ex.deliveryKey, ex.matchedKeyId);
        return next.proceed(ex);
    }
}
