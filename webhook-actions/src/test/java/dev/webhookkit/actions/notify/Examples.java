package dev.webhookkit.actions.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The captured documentation examples under src/test/resources/notify, and the notifications the tests send. */
final class Examples {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Markup every target gives a meaning to: Slack and Webex mentions, Discord pings, Markdown, HTML. */
    static final String HOSTILE = "<!channel> @everyone @here <@U024BE7LH> <@all> <@personEmail:boss@example.com> "
            + "**bold** _it_ [click](https://evil.example/x) <b>html</b> &amp; `code` ~strike~ #tag > quote \\ |pipe| {x}.!";

    private Examples() {
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(text(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/notify/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource notify/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Notification criticalFiring() {
        return Notification.builder("Disk full on db-1").text("Only 1% left on /var/lib/postgresql.")
                .severity(Severity.CRITICAL).status(AlertStatus.TRIGGER).link(URI.create("https://grafana.example.com/d/abc?var=1&x=(2)"))
                .eventId("evt-1").endpoint("alerts").eventType("alert.firing").build();
    }

    static Notification criticalResolved() {
        return Notification.builder("Disk full on db-1").text("Back to 40% free.")
                .severity(Severity.CRITICAL).status(AlertStatus.RESOLVE).build();
    }

    static Notification hostile() {
        return Notification.builder(HOSTILE).text(HOSTILE).severity(Severity.WARNING).build();
    }

    static Notification longText(String title, String text) {
        return Notification.builder(title).text(text).severity(Severity.ERROR).build();
    }
}
