package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TelegramFormatTest {
    /** Telegram's list, read from the captured documentation text (the fourth rule). */
    private static final String RESERVED = reservedFromDocs();

    private static String reservedFromDocs() {
        String rule = Examples.text("telegram-markdownv2-rules.txt").lines().filter(l -> l.startsWith("In all other places"))
                .findFirst().orElseThrow();
        StringBuilder chars = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'(.)'").matcher(rule.substring(0, rule.indexOf("must be escaped")));
        while (m.find()) {
            chars.append(m.group(1));
        }
        return chars.toString();
    }

    @Test
    void readsEighteenReservedCharactersFromTheDocumentation() {
        assertThat(RESERVED).isEqualTo("_*[]()~`>#+-=|{}.!");
    }

    @Test
    void writesTheDocumentedSendMessageFields() {
        JsonNode example = Examples.json("telegram-sendmessage.json");
        JsonNode out = NotifyFormat.telegram("-1001234567890").render(Examples.criticalFiring());
        assertThat(out.get("chat_id").getNodeType()).isEqualTo(example.get("chat_id").getNodeType());
        assertThat(out.get("chat_id").asLong()).isEqualTo(-1001234567890L);
        assertThat(out.get("text").isTextual()).isTrue();
        assertThat(out.get("parse_mode")).isEqualTo(example.get("parse_mode"));
        assertThat(NotifyFormat.telegram("@ops_channel").render(Examples.criticalFiring()).get("chat_id").asText()).isEqualTo("@ops_channel");
        assertThat(NotifyFormat.telegram("1", TelegramParseMode.HTML).render(Examples.criticalFiring()).get("parse_mode").asText())
                .isEqualTo("HTML");
    }

    @Test
    void criticalFiringLeadsWithARedCircleAndResolvedWithACheck() {
        assertThat(NotifyFormat.telegram("1").render(Examples.criticalFiring()).get("text").asText())
                .startsWith("\uD83D\uDD34 *CRITICAL: Disk full on db\\-1*").endsWith("[Open](https://grafana.example.com/d/abc?var=1&x=%282%29)");
        assertThat(NotifyFormat.telegram("1").render(Examples.criticalResolved()).get("text").asText())
                .startsWith("\u2705 *RESOLVED: Disk full on db\\-1*");
    }

    @Test
    void markdownV2TextEscapesEveryReservedCharacter() {
        String text = NotifyFormat.telegram("1").render(Examples.hostile()).get("text").asText();
        String body = text.substring(text.indexOf("\n\n") + 2);
        assertEscaped(body);
        assertEscaped(text.substring(text.indexOf('*') + 1, text.indexOf("\n\n") - 1)); // the title between our '*'
    }

    @Test
    void htmlTextEscapesTags() {
        String text = NotifyFormat.telegram("1", TelegramParseMode.HTML).render(Examples.hostile()).get("text").asText();
        assertThat(text).startsWith("\uD83D\uDFE1 <b>WARNING: ").contains("&lt;b&gt;html&lt;/b&gt;").contains("&amp;amp;");
        assertThat(text.replace("<b>", "").replace("</b>", "")).doesNotContain("<").doesNotContain(">");
    }

    @Test
    void staysWithin4096CharactersWithoutSplittingAnEscape() {
        JsonNode out = NotifyFormat.telegram("1").render(Examples.longText(".".repeat(600), ".".repeat(5000)));
        String text = out.get("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(4096);
        String body = text.substring(text.indexOf("\n\n") + 2);
        assertThat(body).endsWith(Budget.ELLIPSIS);
        assertEscaped(body);
        String html = NotifyFormat.telegram("1", TelegramParseMode.HTML).render(Examples.longText("<", "<".repeat(5000))).get("text").asText();
        assertThat(html.length()).isLessThanOrEqualTo(4096);
        assertThat(html).doesNotContainPattern("&(?!amp;|lt;|gt;|quot;)");
    }

    @Test
    void aLinkThatWouldNotFitIsLeftOutRatherThanBreakingTheLimit() {
        Notification n = Notification.builder("t").text("x".repeat(5000)).severity(dev.webhookkit.core.Severity.INFO)
                .link(java.net.URI.create("https://example.com/" + "(".repeat(2000))).build();
        for (TelegramParseMode mode : TelegramParseMode.values()) {
            assertThat(NotifyFormat.telegram("1", mode).render(n).get("text").asText().length()).as(mode.name()).isLessThanOrEqualTo(4096);
        }
    }

    /** Every reserved character is preceded by a backslash, and every backslash escapes a character 1..126. */
    private static void assertEscaped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length() || text.charAt(i + 1) < 1 || text.charAt(i + 1) > 126) {
                    fail("dangling backslash at " + i + " in " + text);
                }
                i++;
            } else if (RESERVED.indexOf(c) >= 0) {
                fail("unescaped '" + c + "' at " + i + " in " + text);
            }
        }
    }
}
