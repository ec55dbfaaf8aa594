package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.notify.Budget.Measure;

/**
 * Slack incoming webhook. The untrusted text goes into {@code plain_text} objects (no mrkdwn is
 * rendered from it) with Slack's three control characters escaped, so {@code <!channel>} and
 * {@code <@U123>} show as text; the only mrkdwn is the context line this class writes itself.
 */
final class SlackFormat implements NotifyFormat {
    static final SlackFormat INSTANCE = new SlackFormat();
    /** Slack's documented limits: a header's text, a section's text. */
    static final int HEADER_MAX = 150;
    static final int SECTION_MAX = 3000;
    /** The top-level text may be longer (40,000), but it is a notification preview: a section's worth. */
    static final int FALLBACK_MAX = 3000;

    private SlackFormat() {
    }

    @Override
    public String id() {
        return "slack";
    }

    @Override
    public JsonNode render(Notification n) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        Tone tone = Tone.of(n);
        ObjectNode root = json.objectNode();
        root.put("text", Budget.escape(tone.emoji() + " [" + Tone.tag(n) + "] " + n.title(), FALLBACK_MAX, Measure.CHARS, Escapes::slack));

        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        plainText(header.putObject("text"), Budget.escape(tone.emoji() + " " + n.title(), HEADER_MAX, Measure.CHARS, Escapes::slack));
        if (!n.text().isBlank()) {
            ObjectNode section = blocks.addObject().put("type", "section");
            plainText(section.putObject("text"), Budget.escape(n.text(), SECTION_MAX, Measure.CHARS, Escapes::slack));
        }

        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", tone.hex());
        ObjectNode context = attachment.putArray("blocks").addObject().put("type", "context");
        StringBuilder line = new StringBuilder();
        n.severity().ifPresent(s -> line.append("*Severity:* ").append(s.id()).append("   "));
        line.append("*Status:* ").append(n.statusLabel());
        n.link().ifPresent(link -> line.append("   <").append(escapeAll(link.toASCIIString())).append("|Open>"));
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", line.toString());
        return root;
    }

    private static void plainText(ObjectNode text, String value) {
        text.put("type", "plain_text").put("text", value).put("emoji", true);
    }

    private static String escapeAll(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.append(Escapes.slack(cp)));
        return b.toString();
    }
}
