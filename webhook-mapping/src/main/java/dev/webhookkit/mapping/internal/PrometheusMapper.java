package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import java.util.List;

/**
 * Prometheus Alertmanager's webhook ({@code webhook_config}): one alert per {@code alerts[]} entry;
 * status from {@code status} firing|resolved, severity from {@code labels.severity}, dedup key from
 * {@code fingerprint}.
 */
public final class PrometheusMapper extends ProviderMapper {
    private static final AlertmanagerFormat FORMAT = new AlertmanagerFormat("alertmanager", List.of("generatorURL"));

    public PrometheusMapper(MappingPolicy policy) {
        super("prometheus", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        return FORMAT.map(this, payload);
    }
}
