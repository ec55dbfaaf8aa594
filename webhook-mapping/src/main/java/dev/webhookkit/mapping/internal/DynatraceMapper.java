package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import java.util.List;

/**
 * Dynatrace problem notifications through a custom webhook integration, with the payload template
 * published in docs/integrations.md (keys named after the placeholders: {@code State}, {@code PID},
 * {@code ProblemTitle}, {@code ProblemSeverity} …). Dynatrace's own default template is read too:
 * it spells the URL key {@code "Problem URL"} and sends the severity only inside
 * {@code ProblemDetailsJSON}.
 */
public final class DynatraceMapper extends ProviderMapper {
    private static final Words<AlertStatus> STATE = Words.<AlertStatus>builder()
            .put(AlertStatus.TRIGGER, "OPEN")
            .put(AlertStatus.RESOLVE, "RESOLVED", "MERGED", "CLOSED")
            .build();

    private static final Words<Severity> SEVERITY = Words.<Severity>builder()
            .put(Severity.CRITICAL, "AVAILABILITY")
            .put(Severity.ERROR, "ERROR")
            .put(Severity.WARNING, "PERFORMANCE", "RESOURCE_CONTENTION", "RESOURCE", "CUSTOM_ALERT", "MONITORING_UNAVAILABLE")
            .put(Severity.INFO, "INFO")
            .build();

    public DynatraceMapper(MappingPolicy policy) {
        super("dynatrace", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        if (!payload.has("PID") && !payload.has("ProblemID") && !payload.has("State")) {
            throw malformed("payload has none of PID, ProblemID, State");
        }
        JsonNode details = payload.path("ProblemDetailsJSON");
        String severityWord = Nodes.first(Nodes.text(payload, "ProblemSeverity"), Nodes.text(details, "severityLevel"),
                Nodes.text(details, "severity"));
        AlertStatus status = STATE.get(Nodes.text(payload, "State")).orElse(policy.defaultStatus());
        Alert.Builder b = alert(payload, "dynatrace", status, severityWord, SEVERITY)
                .title(Nodes.first(Nodes.text(payload, "ProblemTitle"), Nodes.text(payload, "ImpactedEntity"), "Dynatrace problem"))
                .description(Nodes.first(Nodes.text(payload, "ProblemDetailsText"), Nodes.text(payload, "ImpactedEntity")))
                .service(Nodes.first(firstName(payload.path("ImpactedEntities")), Nodes.text(payload, "ImpactedEntityNames")))
                .dedupKey(Nodes.first(key(Nodes.text(payload, "PID")), key(Nodes.text(payload, "ProblemID"))))
                .labels(Nodes.keyValueTags(payload.path("Tags")))
                .label("problem_id", Nodes.text(payload, "ProblemID"))
                .label("impact", Nodes.text(payload, "ProblemImpact"))
                .label("entities", Nodes.text(payload, "ImpactedEntityNames"))
                .link(Nodes.first(Nodes.text(payload, "ProblemURL"), Nodes.text(payload, "Problem URL")));
        return List.of(b.build());
    }

    private static String firstName(JsonNode entities) {
        for (JsonNode e : entities) {
            String name = Nodes.text(e, "name");
            if (name != null) {
                return name;
            }
        }
        return null;
    }
}
