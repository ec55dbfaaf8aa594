package dev.webhookkit.mapping.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.mapping.MappingPolicy;
import dev.webhookkit.mapping.Timestamps;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * AWS CloudWatch alarms delivered by an SNS HTTP/S subscription. The SNS envelope's
 * {@code Message} is the alarm as a JSON string; {@code SubscriptionConfirmation} and
 * {@code UnsubscribeConfirmation} are control messages (answered by the SNS handshake) and give no
 * alert. Also reads the alarm JSON posted bare, and EventBridge's "CloudWatch Alarm State Change"
 * event. ALARM triggers, OK resolves, INSUFFICIENT_DATA triggers as a warning.
 */
public final class CloudWatchMapper extends ProviderMapper {
    private static final String SOURCE = "aws-cloudwatch";
    private static final ObjectMapper JSON = new ObjectMapper();

    public CloudWatchMapper(MappingPolicy policy) {
        super("cloudwatch", policy);
    }

    @Override
    protected List<Alert> mapObject(JsonNode payload, WebhookRequest request) {
        String type = Nodes.first(Nodes.text(payload, "Type"), request.header("x-amz-sns-message-type").orElse(null));
        if ("SubscriptionConfirmation".equalsIgnoreCase(type) || "UnsubscribeConfirmation".equalsIgnoreCase(type)) {
            return List.of();
        }
        if (payload.has("AlarmName")) {
            return List.of(alarm(payload, payload));
        }
        if (payload.has("detail-type") && payload.path("detail").has("alarmName")) {
            return List.of(eventBridge(payload));
        }
        if (!"Notification".equalsIgnoreCase(type)) {
            throw malformed("payload is neither an SNS message nor a CloudWatch alarm");
        }
        JsonNode message = parseMessage(Nodes.text(payload, "Message"));
        if (message.has("AlarmName")) {
            return List.of(alarm(payload, message));
        }
        if (message.has("detail-type") && message.path("detail").has("alarmName")) {
            return List.of(eventBridge(message));
        }
        // Another service's SNS notification: passed on as a plain trigger with the SNS subject.
        return List.of(alert(payload, "aws-sns", policy.defaultStatus(), (Severity) null)
                .title(Nodes.first(Nodes.text(payload, "Subject"), "SNS notification"))
                .description(Nodes.text(payload, "Message"))
                .dedupKey(key("sns", Nodes.text(payload, "MessageId")))
                .label("topic", Nodes.text(payload, "TopicArn"))
                .occurredAt(Timestamps.parse(payload.path("Timestamp")).orElse(null))
                .build());
    }

    private Alert alarm(JsonNode payload, JsonNode alarm) {
        String state = Nodes.text(alarm, "NewStateValue");
        String arn = Nodes.text(alarm, "AlarmArn");
        String region = regionOf(arn);
        JsonNode trigger = alarm.path("Trigger");
        Alert.Builder b = stateAlert(payload, state)
                .title(Nodes.first(Nodes.text(alarm, "AlarmName"), "CloudWatch alarm"))
                .description(Nodes.first(Nodes.text(alarm, "NewStateReason"), Nodes.text(alarm, "AlarmDescription")))
                .dedupKey(Nodes.first(key(arn), key(Nodes.text(alarm, "AWSAccountId"), Nodes.text(alarm, "AlarmName"))))
                .label("account", Nodes.text(alarm, "AWSAccountId"))
                .label("region", region)
                .label("namespace", Nodes.text(trigger, "Namespace"))
                .label("metric", Nodes.text(trigger, "MetricName"))
                .label("previous_state", Nodes.text(alarm, "OldStateValue"))
                .occurredAt(Timestamps.parse(alarm.path("StateChangeTime")).orElse(null));
        for (JsonNode d : trigger.path("Dimensions")) {
            String name = Nodes.first(Nodes.text(d, "name"), Nodes.text(d, "Name"));
            if (name != null) {
                b.label(name, Nodes.first(Nodes.text(d, "value"), Nodes.text(d, "Value")));
            }
        }
        b.link(consoleUrl(region, Nodes.text(alarm, "AlarmName")));
        return b.build();
    }

    private Alert eventBridge(JsonNode event) {
        JsonNode detail = event.path("detail");
        String arn = Nodes.text(event.path("resources").path(0));
        String region = Nodes.first(Nodes.text(event, "region"), regionOf(arn));
        return stateAlert(event, Nodes.text(detail, "state", "value"))
                .title(Nodes.first(Nodes.text(detail, "alarmName"), "CloudWatch alarm"))
                .description(Nodes.first(Nodes.text(detail, "state", "reason"), Nodes.text(detail, "configuration", "description")))
                .dedupKey(Nodes.first(key(arn), key(Nodes.text(event, "account"), Nodes.text(detail, "alarmName"))))
                .label("account", Nodes.text(event, "account"))
                .label("region", region)
                .label("previous_state", Nodes.text(detail, "previousState", "value"))
                .link(consoleUrl(region, Nodes.text(detail, "alarmName")))
                .occurredAt(Timestamps.parse(detail.path("state").path("timestamp"))
                        .or(() -> Timestamps.parse(event.path("time"))).orElse(null))
                .build();
    }

    /** ALARM triggers, OK resolves; INSUFFICIENT_DATA means "cannot tell", raised as a warning. */
    private Alert.Builder stateAlert(JsonNode payload, String state) {
        if ("OK".equalsIgnoreCase(state)) {
            return alert(payload, SOURCE, AlertStatus.RESOLVE, (Severity) null);
        }
        if ("INSUFFICIENT_DATA".equalsIgnoreCase(state)) {
            return alert(payload, SOURCE, AlertStatus.TRIGGER, Severity.WARNING).rawSeverity(state);
        }
        AlertStatus status = "ALARM".equalsIgnoreCase(state) ? AlertStatus.TRIGGER : policy.defaultStatus();
        return alert(payload, SOURCE, status, (Severity) null);
    }

    private JsonNode parseMessage(String message) {
        if (message == null || !message.startsWith("{")) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(message);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    /** The region code from an ARN ({@code arn:aws:cloudwatch:us-east-1:…}); the alarm's Region field is a display name. */
    private static String regionOf(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    }

    private static String consoleUrl(String region, String alarmName) {
        if (region == null || alarmName == null) {
            return null;
        }
        String name = URLEncoder.encode(alarmName, StandardCharsets.UTF_8).replace("+", "%20");
        return "https://console.aws.amazon.com/cloudwatch/home?region=" + region + "#alarmsV2:alarm/" + name;
    }
}
