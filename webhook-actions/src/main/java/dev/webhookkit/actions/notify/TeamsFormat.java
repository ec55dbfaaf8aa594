package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.notify.Budget.Measure;

/**
 * Microsoft Teams: the {@code message} envelope with one Adaptive Card attachment, the shape Teams
 * workflow webhooks and incoming webhooks both accept. Teams mentions need an {@code msteams.entities}
 * entry this card never has, so text cannot ping; its Markdown punctuation is escaped.
 */
final class TeamsFormat implements NotifyFormat {
    static final TeamsFormat INSTANCE = new TeamsFormat();
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** Teams refuses messages over 28 KB; title and text together stay well below it. */
    static final int TITLE_MAX_BYTES = 1_000;
    static final int TEXT_MAX_BYTES = 20_000;

    private TeamsFormat() {
    }

    @Override
    public String id() {
        return "teams";
    }

    @Override
    public JsonNode render(Notification n) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        Tone tone = Tone.of(n);
        ObjectNode root = json.objectNode().put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.putObject("msteams").put("width", "Full");

        ArrayNode body = card.putArray("body");
        ObjectNode banner = body.addObject().put("type", "Container").put("style", tone.adaptiveCardColor()).put("bleed", true);
        banner.putArray("items").addObject().put("type", "TextBlock")
                .put("text", tone.emoji() + " " + Budget.escape(n.title(), TITLE_MAX_BYTES, Measure.UTF8_BYTES, Escapes::adaptiveCard))
                .put("weight", "Bolder").put("size", "Medium").put("wrap", true);
        if (!n.text().isBlank()) {
            body.addObject().put("type", "TextBlock")
                    .put("text", Budget.escape(n.text(), TEXT_MAX_BYTES, Measure.UTF8_BYTES, Escapes::adaptiveCard)).put("wrap", true);
        }
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        n.severity().ifPresent(s -> facts.addObject().put("title", "Severity").put("value", s.id()));
        facts.addObject().put("title", "Status").put("value", n.statusLabel());
        n.link().ifPresent(link -> card.putArray("actions").addObject()
                .put("type", "Action.OpenUrl").put("title", "Open").put("url", link.toASCIIString()));
        return root;
    }
}
