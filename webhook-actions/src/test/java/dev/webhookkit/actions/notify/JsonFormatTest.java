package dev.webhookkit.actions.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonFormatTest {

    @Test
    void writesTheNotificationFieldsWithColourAndEmoji() {
        JsonNode out = NotifyFormat.json().render(Examples.criticalFiring());
        assertThat(out.get("title").asText()).isEqualTo("Disk full on db-1");
        assertThat(out.get("text").asText()).isEqualTo("Only 1% left on /var/lib/postgresql.");
        assertThat(out.get("severity").asText()).isEqualTo("critical");
        assertThat(out.get("status").asText()).isEqualTo("firing");
        assertThat(out.get("color").asText()).isEqualTo("#D32F2F");
        assertThat(out.get("emoji").asText()).isEqualTo("\uD83D\uDD34");
        assertThat(out.get("link").asText()).isEqualTo("https://grafana.example.com/d/abc?var=1&x=(2)");
        assertThat(out.get("eventId").asText()).isEqualTo("evt-1");

        JsonNode resolved = NotifyFormat.json().render(Examples.criticalResolved());
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("color").asText()).isEqualTo("#2E7D32");
        assertThat(resolved.has("link")).isFalse();
        assertThat(resolved.has("eventId")).isFalse();
    }

    @Test
    void keepsTextVerbatimBecauseJsonIsNotMarkup() {
        assertThat(NotifyFormat.json().render(Examples.hostile()).get("text").asText()).isEqualTo(Examples.HOSTILE);
    }
}
