package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.Glob;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Include/exclude globs over an event's subjects; see {@link EventFilter#globs}. */
public final class GlobFilter implements EventFilter {
    private final List<Glob> include;
    private final List<Glob> exclude;

    public GlobFilter(List<String> include, List<String> exclude) {
        this.include = include.stream().map(Glob::of).toList();
        this.exclude = exclude.stream().map(Glob::of).toList();
    }

    @Override
    public boolean accepts(WebhookEvent event) {
        Set<String> subjects = subjects(event);
        if (!include.isEmpty() && !anyMatch(include, subjects)) {
            return false;
        }
        return !anyMatch(exclude, subjects);
    }

    /**
     * The strings the patterns are matched against, lower-case: the event type, and
     * {@code <type>.<qualifier>} for each alert's severity, status and raw severity and the payload's
     * own {@code severity}. When the sender gave no event type, an alert's source stands in for it
     * ({@code alertmanager.critical}), so {@code *.critical} matches every sender.
     */
    public static Set<String> subjects(WebhookEvent event) {
        String type = event.eventType().toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        if (!type.isEmpty()) {
            out.add(type);
        }
        for (Alert a : event.alerts()) {
            String prefix = (type.isEmpty() ? a.source().toLowerCase(Locale.ROOT) : type) + ".";
            out.add(prefix + a.severity().id());
            out.add(prefix + a.status().id());
            a.rawSeverity().ifPresent(raw -> out.add(prefix + raw.toLowerCase(Locale.ROOT)));
        }
        List<String> qualifiers = new ArrayList<>();
        JsonNode payload = event.payload();
        addText(qualifiers, payload.path("severity"));
        addText(qualifiers, payload.path("context").path("severity"));
        String prefix = type.isEmpty() ? "" : type + ".";
        for (String q : qualifiers) {
            out.add(prefix + q.toLowerCase(Locale.ROOT));
        }
        if (type.isEmpty() && !qualifiers.isEmpty()) {
            for (String q : qualifiers) {
                out.add("." + q.toLowerCase(Locale.ROOT)); // so *.critical matches an untyped payload's own severity
            }
        }
        return out;
    }

    private static void addText(List<String> out, JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            out.add(node.asText().trim());
        }
    }

    private static boolean anyMatch(List<Glob> globs, Set<String> subjects) {
        for (Glob g : globs) {
            for (String s : subjects) {
                if (g.matches(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
