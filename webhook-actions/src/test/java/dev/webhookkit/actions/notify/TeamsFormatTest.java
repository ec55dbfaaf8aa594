package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TeamsFormatTest {
    private final NotifyFormat teams = NotifyFormat.teams();

    @Test
    void writesTheMessageEnvelopeWithAnAdaptiveCardAsDocumented() throws Exception {
        JsonNode out = teams.render(Examples.criticalFiring());
        JsonNode example = Examples.json("teams-workflow-adaptive-card.json");

        assertThat(out.get("type")).isEqualTo(example.get("type"));
        JsonNode attachment = out.get("attachments").get(0);
        JsonNode exampleAttachment = example.get("attachments").get(0);
        assertThat(out.get("attachments")).hasSize(1);
        assertThat(attachment.get("contentType")).isEqualTo(exampleAttachment.get("contentType"));
        assertThat(attachment.get("contentUrl").isNull()).isEqualTo(exampleAttachment.get("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.get("content");
        assertThat(card.get("$schema")).isEqualTo(exampleAttachment.get("content").get("$schema"));
        assertThat(card.get("type")).isEqualTo(exampleAttachment.get("content").get("type"));
        assertThat(card.get("version").asText()).matches("1\\.[0-9]");
        for (JsonNode element : card.get("body")) {
            assertThat(element.get("type").isTextual()).isTrue();
        }
        assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo("https://grafana.example.com/d/abc?var=1&x=(2)");
        // Teams refuses messages over 28 KB
        assertThat(Examples.JSON.writeValueAsBytes(teams.render(Examples.longText("é".repeat(5000), "é".repeat(60_000)))).length)
                .isLessThan(28 * 1024);
    }

    @Test
    void criticalFiringIsAttentionWithARedCircleAndResolvedIsGoodWithACheck() {
        JsonNode firing = teams.render(Examples.criticalFiring()).at("/attachments/0/content/body");
        assertThat(firing.at("/0/style").asText()).isEqualTo("attention");
        assertThat(firing.at("/0/items/0/text").asText()).startsWith("\uD83D\uDD34 ");
        assertThat(firing.at("/2/facts/0/value").asText()).isEqualTo("critical");
        assertThat(firing.at("/2/facts/1/value").asText()).isEqualTo("firing");

        JsonNode resolved = teams.render(Examples.criticalResolved()).at("/attachments/0/content/body");
        assertThat(resolved.at("/0/style").asText()).isEqualTo("good");
        assertThat(resolved.at("/0/items/0/text").asText()).startsWith("\u2705 ");
        assertThat(resolved.at("/2/facts/1/value").asText()).isEqualTo("resolved");
    }

    @Test
    void markdownInAlertTextIsEscapedAndNoMentionEntityIsEverSent() {
        JsonNode card = teams.render(Examples.hostile()).at("/attachments/0/content");
        String text = card.at("/body/1/text").asText();
        assertThat(text).contains("\\*\\*bold\\*\\*").contains("\\[click\\]\\(https://evil\\.example/x\\)").contains("\\<b\\>");
        assertThat(text).doesNotContain("@everyone");
        assertThat(card.at("/msteams/entities").isMissingNode()).isTrue();
        assertThat(new String(card.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).doesNotContain("\"mention\"");
    }
}
