package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DiscordFormatTest {
    private final NotifyFormat discord = NotifyFormat.discord();

    @Test
    void writesContentEmbedsAndTheDocumentedSuppressAllMentions() {
        JsonNode out = discord.render(Examples.criticalFiring());
        JsonNode example = Examples.json("discord-suppress-mentions.json");
        assertThat(out.get("allowed_mentions")).isEqualTo(example.get("allowed_mentions"));
        assertThat(out.get("content").isTextual()).isEqualTo(example.get("content").isTextual()).isTrue();
        assertThat(out.get("embeds").isArray()).isTrue();
        assertThat(out.get("embeds").size()).isBetween(1, 10);
        JsonNode embed = out.get("embeds").get(0);
        assertThat(embed.get("color").isInt()).isTrue();
        assertThat(embed.get("title").isTextual()).isTrue();
        assertThat(embed.get("url").asText()).isEqualTo("https://grafana.example.com/d/abc?var=1&x=(2)");
        for (JsonNode field : embed.get("fields")) {
            assertThat(field.get("name").isTextual()).isTrue();
            assertThat(field.get("value").isTextual()).isTrue();
            assertThat(field.get("inline").isBoolean()).isTrue();
        }
        assertThat(embed.has("type")).as("webhook embeds are always rich: type is not sent").isFalse();
    }

    @Test
    void criticalFiringIsRedAndResolvedIsGreen() {
        JsonNode firing = discord.render(Examples.criticalFiring());
        assertThat(firing.at("/embeds/0/color").asInt()).isEqualTo(0xD32F2F);
        assertThat(firing.get("content").asText()).startsWith("\uD83D\uDD34 **CRITICAL**");
        JsonNode resolved = discord.render(Examples.criticalResolved());
        assertThat(resolved.at("/embeds/0/color").asInt()).isEqualTo(0x2E7D32);
        assertThat(resolved.get("content").asText()).startsWith("\u2705 **RESOLVED**");
        assertThat(resolved.at("/embeds/0/fields/1/value").asText()).isEqualTo("resolved");
    }

    @Test
    void everyoneInAlertTextPingsNobodyAndMarkdownIsEscaped() {
        JsonNode out = discord.render(Examples.hostile());
        assertThat(out.at("/allowed_mentions/parse").isArray()).isTrue();
        assertThat(out.at("/allowed_mentions/parse")).isEmpty();
        for (String pointer : new String[] {"/content", "/embeds/0/title", "/embeds/0/description"}) {
            String text = out.at(pointer).asText();
            assertThat(text).as(pointer).doesNotContain("@everyone").doesNotContain("@here")
                    .doesNotContainPattern("(?<!\\\\)<@"); // Discord shows an escaped \<@…> literally
        }
        assertThat(out.at("/embeds/0/description").asText()).contains("\\*\\*bold\\*\\*").contains("\\[click\\]");
    }

    @Test
    void keepsContentTitleDescriptionAndTheEmbedTotalWithinDiscordsLimits() {
        JsonNode out = discord.render(Examples.longText("*".repeat(3000), "_".repeat(9000)));
        assertThat(out.get("content").asText().length()).isLessThanOrEqualTo(2000);
        JsonNode embed = out.at("/embeds/0");
        assertThat(embed.get("title").asText().length()).isLessThanOrEqualTo(256);
        assertThat(embed.get("description").asText().length()).isLessThanOrEqualTo(4096);
        int total = embed.get("title").asText().length() + embed.get("description").asText().length();
        for (JsonNode field : embed.get("fields")) {
            total += field.get("name").asText().length() + field.get("value").asText().length();
        }
        assertThat(total).isLessThanOrEqualTo(6000);
        // cut between escapes: "\_" pairs, then the ellipsis
        String description = embed.get("description").asText();
        assertThat(description.substring(0, description.length() - 1)).matches("(\\\\_)+");
    }
}
