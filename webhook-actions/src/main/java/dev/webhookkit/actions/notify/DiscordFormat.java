package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.notify.Budget.Measure;

/**
 * Discord execute-webhook body. {@code allowed_mentions.parse} is empty, Discord's documented way
 * to suppress every mention; the text's Markdown is backslash-escaped as well, and an '@' is
 * followed by a zero-width space so that {@code @everyone} does not even look like one.
 */
final class DiscordFormat implements NotifyFormat {
    static final DiscordFormat INSTANCE = new DiscordFormat();
    /** Discord's documented limits. */
    static final int CONTENT_MAX = 2000;
    static final int EMBED_TITLE_MAX = 256;
    static final int EMBED_DESCRIPTION_MAX = 4096;

    private DiscordFormat() {
    }

    @Override
    public String id() {
        return "discord";
    }

    @Override
    public JsonNode render(Notification n) {
        Tone tone = Tone.of(n);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        String prefix = tone.emoji() + " **" + Tone.tag(n) + "** ";
        root.put("content", prefix + Budget.escape(n.title(), CONTENT_MAX - prefix.length(), Measure.CHARS, Escapes::markdown));

        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", Budget.escape(n.title(), EMBED_TITLE_MAX, Measure.CHARS, Escapes::markdown));
        if (!n.text().isBlank()) {
            embed.put("description", Budget.escape(n.text(), EMBED_DESCRIPTION_MAX, Measure.CHARS, Escapes::markdown));
        }
        embed.put("color", tone.rgb());
        n.link().ifPresent(link -> embed.put("url", link.toASCIIString()));
        ArrayNode fields = embed.putArray("fields");
        n.severity().ifPresent(s -> fields.addObject().put("name", "Severity").put("value", s.id()).put("inline", true));
        fields.addObject().put("name", "Status").put("value", n.statusLabel()).put("inline", true);

        root.putObject("allowed_mentions").putArray("parse");
        return root;
    }
}
