package dev.webhookkit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventFilter;
import dev.webhookkit.mapping.internal.JsonPathSupport;
import dev.webhookkit.mapping.internal.RegexGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Event filters written as JSONPath conditions (Moxxy's {@code "condition": "$.severity == 'critical'"}).
 *
 * <p>A condition is either Moxxy's form — an expression over {@code $} such as
 * {@code $.severity == 'critical'}, {@code $.labels.team in ['db', 'infra']},
 * {@code $.value > 5 && $.env != 'test'}, {@code $.title =~ /.*disk.*}{@code /i}, or a bare path
 * {@code $.labels.team} meaning "present" — or a full JSONPath filter {@code $[?(@.severity == 'critical')]}.
 * The first form is rewritten into the second ({@code $} becomes {@code @} outside quotes and
 * regular expressions), and the operators are json-path's: {@code == != < <= > >= =~ in nin
 * subsetof anyof noneof size empty && ||}.
 *
 * <p>Regular expressions ({@code =~}) run on values the sender chose, with a backtracking engine,
 * so they are held to what cannot take long: no repetition of a group that itself repeats or
 * alternates ({@code (a+)+}, {@code (x|xy)*}), no back-references, at most two unbounded quantifiers
 * ({@code * + {n,}}) — refused with a {@link ConfigurationException} otherwise — and in a condition
 * with a regular expression every text value is cut to its first {@value RegexGuard#MAX_INPUT_CHARS}
 * characters before the condition is evaluated. A test that needs more quantifiers can often be
 * split into several comparisons joined with {@code &&}, e.g. {@code $.t =~ /.*disk.*}{@code / && $.t =~ /.*full.*}{@code /}.
 *
 * <p>{@link #condition} tests the payload; {@link #alertCondition} tests the normalized alerts
 * (fields {@code title, severity, status, dedupKey, source, service, labels, links}, enum values
 * in lower case) and accepts when any alert matches, so one condition works for every sender.
 * Events that do not pass are answered 202 FILTERED and recorded. Combine with
 * {@link EventFilter#globs} and {@link EventFilter#and}.
 *
 * <p>Expressions are compiled when the filter is created; the filters are immutable and thread-safe.
 */
public final class JsonPathFilters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPathFilters() {
    }

    /**
     * A condition on the payload.
     *
     * @throws ConfigurationException naming the expression when it does not compile
     */
    public static EventFilter condition(String expression) {
        return condition("", expression);
    }

    /**
     * A condition on the payload, for an endpoint.
     *
     * @throws ConfigurationException naming the endpoint and the expression when it does not compile
     */
    public static EventFilter condition(String endpointName, String expression) {
        JsonPath path = compile(endpointName, expression);
        return new Condition(expression, path, false, hasRegex(expression));
    }

    /**
     * A condition on the alerts: accepts when at least one alert matches.
     *
     * @throws ConfigurationException naming the expression when it does not compile
     */
    public static EventFilter alertCondition(String expression) {
        return alertCondition("", expression);
    }

    /**
     * A condition on the alerts, for an endpoint.
     *
     * @throws ConfigurationException naming the endpoint and the expression when it does not compile
     */
    public static EventFilter alertCondition(String endpointName, String expression) {
        JsonPath path = compile(endpointName, expression);
        return new Condition(expression, path, true, hasRegex(expression));
    }

    private static JsonPath compile(String endpointName, String expression) {
        Objects.requireNonNull(endpointName, "endpointName");
        String prefix = endpointName.isEmpty() ? "" : "endpoint '" + endpointName + "': ";
        if (expression == null || expression.isBlank()) {
            throw new ConfigurationException(prefix + "filter condition must be a JSONPath expression but was '" + expression + "'");
        }
        String filterPath = toFilterPath(expression.trim());
        for (String regex : regexesIn(expression.trim())) {
            Optional<String> problem = RegexGuard.problem(regex);
            if (problem.isPresent()) {
                throw new ConfigurationException(prefix + "filter condition's regular expression /" + regex + "/ could take"
                        + " very long on a hostile value: " + problem.get() + " (in '" + expression + "')");
            }
        }
        try {
            return JsonPath.compile(filterPath);
        } catch (InvalidPathException | IllegalArgumentException | IllegalStateException e) {
            throw new ConfigurationException(prefix + "filter condition is not a valid JSONPath condition: '" + expression
                    + "' (" + e.getMessage() + ")", e);
        }
    }

    /** {@code $.a == 'x'} → {@code $[?(@.a == 'x')]}; a filter already written that way is kept. */
    static String toFilterPath(String expression) {
        if (expression.startsWith("$[?(") && expression.endsWith(")]")) {
            return expression;
        }
        return "$[?(" + rootToCurrent(expression) + ")]";
    }

    /** The regular expressions of {@code =~ /…/} comparisons, without their slashes and flags. */
    static List<String> regexesIn(String expression) {
        List<String> regexes = new ArrayList<>();
        scan(expression, regexes);
        return regexes;
    }

    private static boolean hasRegex(String expression) {
        return !regexesIn(expression.trim()).isEmpty();
    }

    /** Replaces root references ($) with current-node ones (@), leaving quoted text and /regex/ alone. */
    private static String rootToCurrent(String expression) {
        return scan(expression, new ArrayList<>());
    }

    /** {@link #rootToCurrent}, also collecting each /regex/ it passes over. */
    private static String scan(String expression, List<String> regexes) {
        StringBuilder out = new StringBuilder(expression.length());
        char quote = 0;
        boolean regexNext = false;
        boolean inRegex = false;
        int regexStart = -1;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < expression.length()) {
                    out.append(c).append(expression.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (inRegex) {
                if (c == '\\' && i + 1 < expression.length()) {
                    out.append(c).append(expression.charAt(++i));
                    continue;
                }
                if (c == '/') {
                    inRegex = false;
                    regexes.add(expression.substring(regexStart, i));
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '~' && i > 0 && expression.charAt(i - 1) == '=') {
                regexNext = true;
            } else if (c == '/' && regexNext) {
                regexNext = false;
                inRegex = true;
                regexStart = i + 1;
            } else if (c == '$' && (i + 1 == expression.length() || expression.charAt(i + 1) == '.'
                    || expression.charAt(i + 1) == '[')) {
                c = '@';
            }
            out.append(c);
        }
        return out.toString();
    }

    private record Condition(String expression, JsonPath path, boolean onAlerts, boolean hasRegex) implements EventFilter {
        @Override
        public boolean accepts(WebhookEvent event) {
            if (!onAlerts) {
                return matches(event.payload());
            }
            for (Alert alert : event.alerts()) {
                if (matches(JSON.valueToTree(alert))) {
                    return true;
                }
            }
            return false;
        }

        private boolean matches(JsonNode document) {
            JsonNode seen = hasRegex ? RegexGuard.boundedForRegex(document) : document;
            return JsonPathSupport.read(path, seen).map(n -> !n.isArray() || !n.isEmpty()).orElse(false);
        }

        @Override
        public String toString() {
            return (onAlerts ? "alertCondition[" : "condition[") + expression + "]";
        }
    }
}
