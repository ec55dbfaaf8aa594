package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Moxxy;
import java.util.List;

/**
 * Moxxy's generic message webhook, {@code {"agent","message","context","response_mode"}}: one
 * alert whose title is the message, with the agent as label {@code agent}, the context's scalars
 * as labels, severity and status from {@code context.severity} / {@code context.status} (generic
 * words; default the policy's) and {@code context.event_id} as dedup key. The shape is checked by
 * {@link Moxxy#message}: a missing or non-text {@code message}, a non-text {@code agent} or a
 * {@code context} that is not an object is refused (400).
 */
public final class MoxxyMapper extends ProviderMapper {
    public MoxxyMapper(MappingPolicy policy) {
        super(Moxxy.MAPPER_ID, policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        Moxxy.Message m = Moxxy.message(payload);
        JsonNode context = m.context();
        String state = Nodes.field(context, "status");
        AlertStatus status = state == null ? policy.defaultStatus() : Tables.GENERIC_STATUS.get(state).orElse(policy.defaultStatus());
        Alert.Builder b = alert(payload, Moxxy.MAPPER_ID, status, Nodes.field(context, "severity"), Tables.GENERIC_SEVERITY)
                .title(m.message())
                .dedupKey(key(Nodes.field(context, "event_id")))
                .labels(Nodes.scalars(context))
                .label("agent", m.agent());
        return List.of(b.build());
    }
}
