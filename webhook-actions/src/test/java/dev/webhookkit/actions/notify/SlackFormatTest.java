package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class SlackFormatTest {
    private final NotifyFormat slack = NotifyFormat.slack();

    @Test
    void writesTheDocumentedIncomingWebhookShape() {
        JsonNode out = slack.render(Examples.criticalFiring());
        JsonNode textExample = Examples.json("slack-incoming-webhook-text.json");
        JsonNode blocksExample = Examples.json("slack-incoming-webhook-blocks.json");
        JsonNode attachmentExample = Examples.json("slack-attachment-color.json");

        assertThat(out.get("text").getNodeType()).isEqualTo(textExample.get("text").getNodeType());
        assertThat(out.get("blocks").isArray()).isEqualTo(blocksExample.get("blocks").isArray()).isTrue();
        for (JsonNode block : out.get("blocks")) {
            assertThat(block.get("type").isTextual()).isTrue();
            // like the example's section blocks: a text object with its own type and text
            assertThat(block.get("text").get("type").isTextual()).isTrue();
            assertThat(block.get("text").get("text").isTextual()).isTrue();
        }
        assertThat(out.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(out.get("blocks").get(1).get("type").asText()).isEqualTo(blocksExample.get("blocks").get(0).get("type").asText());
        JsonNode attachment = out.get("attachments").get(0);
        assertThat(attachment.get("color").asText()).matches("#[0-9A-Fa-f]{6}");
        assertThat(attachmentExample.get("attachments").get(0).get("color").asText()).matches("#[0-9A-Fa-f]{6}");
        assertThat(attachment.get("blocks").get(0).get("type").asText()).isEqualTo("context");
    }

    @Test
    void criticalFiringIsRedWithARedCircleAndResolvedIsGreenWithACheck() {
        JsonNode firing = slack.render(Examples.criticalFiring());
        assertThat(firing.at("/attachments/0/color").asText()).isEqualTo("#D32F2F");
        assertThat(firing.at("/blocks/0/text/text").asText()).startsWith("\uD83D\uDD34 ");
        assertThat(firing.get("text").asText()).contains("[CRITICAL]");
        assertThat(firing.at("/attachments/0/blocks/0/elements/0/text").asText())
                .contains("*Severity:* critical").contains("*Status:* firing")
                .contains("<https://grafana.example.com/d/abc?var=1&amp;x=(2)|Open>");

        JsonNode resolved = slack.render(Examples.criticalResolved());
        assertThat(resolved.at("/attachments/0/color").asText()).isEqualTo("#2E7D32");
        assertThat(resolved.at("/blocks/0/text/text").asText()).startsWith("\u2705 ");
        assertThat(resolved.get("text").asText()).contains("[RESOLVED]");
    }

    @Test
    void channelMentionsAndControlCharactersInAlertTextCannotPing() {
        JsonNode out = slack.render(Examples.hostile());
        for (String pointer : new String[] {"/text", "/blocks/0/text/text", "/blocks/1/text/text"}) {
            String text = out.at(pointer).asText();
            assertThat(text).as(pointer).doesNotContain("<!channel>").doesNotContain("<@U024BE7LH>").doesNotContain("<");
            assertThat(text).as(pointer).doesNotContainPattern("&(?!amp;|lt;|gt;)");
        }
        assertThat(out.at("/blocks/1/text/text").asText()).contains("&lt;!channel&gt;").contains("&amp;amp;");
        // the untrusted text is plain_text: Slack renders no mrkdwn from it
        assertThat(out.at("/blocks/1/text/type").asText()).isEqualTo("plain_text");
        assertThat(out.has("link_names")).isFalse();
    }

    @Test
    void keepsHeaderAndSectionWithinSlacksLimits() {
        JsonNode out = slack.render(Examples.longText("t<".repeat(400), "x&".repeat(5000)));
        String header = out.at("/blocks/0/text/text").asText();
        String section = out.at("/blocks/1/text/text").asText();
        assertThat(header.length()).isLessThanOrEqualTo(150);
        assertThat(section.length()).isLessThanOrEqualTo(3000);
        assertThat(section).endsWith(Budget.ELLIPSIS);
        // whole escapes only, then the ellipsis
        assertThat(section.substring(0, section.length() - 1)).matches("(x|&amp;)+");
        assertThat(header.substring(0, header.length() - 1)).matches("\\S+ (t|&lt;)+");
    }
}
