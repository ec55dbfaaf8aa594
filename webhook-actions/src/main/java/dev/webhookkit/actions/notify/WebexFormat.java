package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.notify.Budget.Measure;

/**
 * Webex create-message body: the destination ({@code roomId} or {@code toPersonEmail}), a
 * {@code markdown} message and a plain {@code text} for clients without rich text. Webex caps a
 * message at 7,439 bytes.
 */
final class WebexFormat implements NotifyFormat {
    static final int MESSAGE_MAX_BYTES = 7439;
    static final int TITLE_MAX_BYTES = 512;

    private final String destinationField;
    private final String destination;

    WebexFormat(String destinationField, String destination) {
        this.destinationField = destinationField;
        this.destination = destination;
    }

    @Override
    public String id() {
        return "webex";
    }

    @Override
    public JsonNode render(Notification n) {
        Tone tone = Tone.of(n);
        ObjectNode root = JsonNodeFactory.instance.objectNode().put(destinationField, destination);

        String head = "**" + tone.emoji() + " " + Tone.tag(n) + ": "
                + Budget.escape(n.title(), TITLE_MAX_BYTES, Measure.UTF8_BYTES, Escapes::webex) + "**";
        String tail = "Status: " + n.statusLabel() + n.link().map(l -> " \u00B7 [Open](" + Links.markdownTarget(l) + ")").orElse("");
        int room = MESSAGE_MAX_BYTES - Measure.UTF8_BYTES.of(head + "\n\n" + "\n\n" + tail);
        String body = n.text().isBlank() ? "" : Budget.escape(n.text(), room, Measure.UTF8_BYTES, Escapes::webex) + "\n\n";
        root.put("markdown", head + "\n\n" + body + tail);

        String plainHead = tone.emoji() + " " + Tone.tag(n) + ": " + Budget.plain(n.title(), TITLE_MAX_BYTES, Measure.UTF8_BYTES);
        String plainTail = "Status: " + n.statusLabel() + n.link().map(l -> " " + l.toASCIIString()).orElse("");
        int plainRoom = MESSAGE_MAX_BYTES - Measure.UTF8_BYTES.of(plainHead + "\n\n" + "\n\n" + plainTail);
        String plainBody = n.text().isBlank() ? "" : Budget.plain(n.text(), plainRoom, Measure.UTF8_BYTES) + "\n\n";
        root.put("text", plainHead + "\n\n" + plainBody + plainTail);
        return root;
    }

    @Override
    public String toString() {
        return "WebexFormat[" + destinationField + "]";
    }
}
