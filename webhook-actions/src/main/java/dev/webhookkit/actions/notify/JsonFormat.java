package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The generic JSON target: the notification's fields as they are, with the tone's colour and emoji. */
final class JsonFormat implements NotifyFormat {
    static final JsonFormat INSTANCE = new JsonFormat();

    private JsonFormat() {
    }

    @Override
    public String id() {
        return "json";
    }

    @Override
    public JsonNode render(Notification n) {
        Tone tone = Tone.of(n);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("title", n.title());
        root.put("text", n.text());
        n.severity().ifPresent(s -> root.put("severity", s.id()));
        root.put("status", n.statusLabel());
        root.put("color", tone.hex());
        root.put("emoji", tone.emoji());
        n.link().ifPresent(l -> root.put("link", l.toASCIIString()));
        putIfSet(root, "eventId", n.eventId());
        putIfSet(root, "endpoint", n.endpoint());
        putIfSet(root, "eventType", n.eventType());
        return root;
    }

    private static void putIfSet(ObjectNode root, String name, String value) {
        if (!value.isEmpty()) {
            root.put(name, value);
        }
    }
}
