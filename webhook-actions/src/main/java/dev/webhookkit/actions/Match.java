package dev.webhookkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.Glob;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.mapping.JsonPathFilters;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A condition a {@link RouteAction} tests an event with: its agent, event type, alert severity,
 * alert labels or a JSONPath condition over the payload, combined with {@link #and}, {@link #or}
 * and {@link #negate}. Globs are case-insensitive ({@code *} any run, {@code ?} one character).
 * Immutable and thread-safe; {@code toString()} describes it for the event log.
 */
public interface Match {

    boolean test(WebhookEvent event);

    /** Every event (a catch-all route; {@link RouteAction.Builder#otherwise} is usually clearer). */
    static Match always() {
        return described("always", e -> true);
    }

    /**
     * The event's agent — Moxxy's {@code agent}, GNETiX's assignee — matches the glob: the context
     * value {@value RouteAction#AGENT_FIELD} if the endpoint's context mapping set one, else the
     * payload's top-level {@value RouteAction#AGENT_FIELD} text. No agent matches nothing.
     */
    static Match agent(String glob) {
        Glob g = Glob.of(Objects.requireNonNull(glob, "glob"));
        return described("agent " + glob, e -> agentOf(e).map(g::matches).orElse(false));
    }

    /** The event type matches the glob ({@code incident.*}, {@code push}); an event without a type matches only {@code *}. */
    static Match eventType(String glob) {
        Glob g = Glob.of(Objects.requireNonNull(glob, "glob"));
        return described("eventType " + glob, e -> g.matches(e.eventType()));
    }

    /** At least one alert has one of these severities. */
    static Match severity(Severity first, Severity... more) {
        Set<Severity> set = EnumSet.of(Objects.requireNonNull(first, "severity"), more);
        return described("severity " + set, e -> e.alerts().stream().anyMatch(a -> set.contains(a.severity())));
    }

    /** At least one alert is at least this severe ({@code ERROR} takes errors and criticals). */
    static Match severityAtLeast(Severity least) {
        Objects.requireNonNull(least, "least");
        return described("severity >= " + least.id(), e -> e.alerts().stream().anyMatch(a -> a.severity().compareTo(least) <= 0));
    }

    /** At least one alert has the label and its value matches the glob. */
    static Match label(String name, String valueGlob) {
        Objects.requireNonNull(name, "name");
        Glob g = Glob.of(Objects.requireNonNull(valueGlob, "valueGlob"));
        return described("label " + name + "=" + valueGlob, e -> {
            for (Alert a : e.alerts()) {
                String v = a.labels().get(name);
                if (v != null && g.matches(v)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * A JSONPath condition over the payload, in webhook-mapping's syntax ({@code $.severity == 'critical'},
     * {@code $.labels.team in ['db','infra']}); compiled now.
     *
     * @throws dev.webhookkit.core.ConfigurationException when it does not compile
     */
    static Match jsonPath(String condition) {
        EventFilter f = JsonPathFilters.condition(Objects.requireNonNull(condition, "condition"));
        return described("jsonPath " + condition, f::accepts);
    }

    /** Both hold. */
    default Match and(Match other) {
        Objects.requireNonNull(other, "other");
        Match self = this;
        return described("(" + self + " and " + other + ")", e -> self.test(e) && other.test(e));
    }

    /** Either holds. */
    default Match or(Match other) {
        Objects.requireNonNull(other, "other");
        Match self = this;
        return described("(" + self + " or " + other + ")", e -> self.test(e) || other.test(e));
    }

    default Match negate() {
        Match self = this;
        return described("not " + self, e -> !self.test(e));
    }

    /** All of them hold. */
    static Match allOf(List<Match> matches) {
        List<Match> all = List.copyOf(matches);
        return described("all of " + all, e -> all.stream().allMatch(m -> m.test(e)));
    }

    private static Match described(String description, Match test) {
        return new Match() {
            @Override
            public boolean test(WebhookEvent event) {
                return test.test(event);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    private static java.util.Optional<String> agentOf(WebhookEvent e) {
        Object fromContext = e.context().get(RouteAction.AGENT_FIELD);
        if (fromContext != null && !fromContext.toString().isEmpty()) {
            return java.util.Optional.of(fromContext.toString());
        }
        JsonNode node = e.payload().get(RouteAction.AGENT_FIELD);
        return node != null && node.isTextual() && !node.asText().isEmpty() ? java.util.Optional.of(node.asText()) : java.util.Optional.empty();
    }
}
