package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebexFormatTest {
    private final NotifyFormat room = NotifyFormat.webexRoom("Y2lzY29zcGFyazovL3VzL1JPT00vYmJj");

    @Test
    void writesTheDocumentedCreateMessageFields() {
        JsonNode example = Examples.json("webex-create-message.json");
        JsonNode out = room.render(Examples.criticalFiring());
        for (String field : new String[] {"roomId", "text", "markdown"}) {
            assertThat(out.get(field)).as(field).isNotNull();
            assertThat(out.get(field).getNodeType()).as(field).isEqualTo(example.get(field).getNodeType());
        }
        assertThat(out.get("roomId").asText()).isEqualTo("Y2lzY29zcGFyazovL3VzL1JPT00vYmJj");
        assertThat(out.get("markdown").asText()).startsWith("**").contains("[Open](https://grafana.example.com/d/abc?var=1&x=%282%29)");

        JsonNode person = NotifyFormat.webexPerson("oncall@example.com").render(Examples.criticalFiring());
        assertThat(person.get("toPersonEmail").asText()).isEqualTo("oncall@example.com");
        assertThat(person.has("roomId")).isFalse();
    }

    @Test
    void criticalFiringLeadsWithARedCircleAndResolvedWithACheck() {
        assertThat(room.render(Examples.criticalFiring()).get("markdown").asText()).startsWith("**\uD83D\uDD34 CRITICAL: Disk full on db\\-1**");
        assertThat(room.render(Examples.criticalResolved()).get("markdown").asText()).startsWith("**\u2705 RESOLVED: Disk full on db\\-1**")
                .contains("Status: resolved");
    }

    @Test
    void mentionsAndMarkdownInAlertTextAreNeutralised() {
        String markdown = room.render(Examples.hostile()).get("markdown").asText();
        // the documented mention syntax is <@all> / <@personEmail:…>: no '<' survives at all
        assertThat(Examples.json("webex-create-message.json").get("markdown").asText()).contains("<@personEmail:");
        assertThat(markdown).doesNotContain("<").contains("&lt;@\u200Ball&gt;").contains("\\*\\*bold\\*\\*");
    }

    @Test
    void staysWithinWebexsMessageSizeInBytes() {
        JsonNode out = room.render(Examples.longText("ü".repeat(1000), "ü<".repeat(10_000)));
        assertThat(out.get("markdown").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(7439);
        assertThat(out.get("text").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(7439);
        assertThat(out.get("markdown").asText()).endsWith("Status: firing");
    }

    @Test
    void refusesABlankRoomOrAnAddressThatIsNotOne() {
        assertThatThrownBy(() -> NotifyFormat.webexRoom(" ")).isInstanceOf(ConfigurationException.class).hasMessageContaining("roomId");
        assertThatThrownBy(() -> NotifyFormat.webexPerson("nobody")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("toPersonEmail");
    }
}
