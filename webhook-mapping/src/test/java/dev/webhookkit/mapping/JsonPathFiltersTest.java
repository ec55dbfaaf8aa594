package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.EventFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathFiltersTest {
    private static final String PAYLOAD = "{\"severity\":\"critical\",\"env\":\"prod\",\"value\":7,\"title\":\"Disk full on db$1\","
            + "\"labels\":{\"team\":\"db\"},\"tags\":[\"a\",\"b\"]}";

    private static WebhookEvent event(String payload, List<Alert> alerts) throws Exception {
        return event(payload, "", alerts);
    }

    private static WebhookEvent event(String payload, String eventType, List<Alert> alerts) throws Exception {
        JsonNode node = Samples.JSON.readTree(payload);
        return new WebhookEvent("evt-1", Endpoint.builder("in").allowUnsigned().build(), WebhookRequest.builder().body(payload).build(), node,
                eventType, alerts, "", Map.of(), "", "");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", value = {
        "$.severity == 'critical' -> true",
        "$.severity == 'warning' -> false",
        "$.value > 5 && $.env != 'test' -> true",
        "$.value > 5 && $.env == 'test' -> false",
        "$.severity == 'warning' || $.labels.team in ['db', 'infra'] -> true",
        "$.labels.team -> true",
        "$.labels.owner -> false",
        "$.title =~ /.*db\\$1$/ -> true",
        "$.title == 'Disk full on db$1' -> true",
        "$.tags size 2 -> true",
        "$[?(@.severity == 'critical')] -> true",
        "$[?(@.severity == 'info')] -> false"})
    void evaluatesMoxxyAndJsonPathFilterForms(String condition, boolean expected) throws Exception {
        assertThat(JsonPathFilters.condition(condition).accepts(event(PAYLOAD, List.of()))).isEqualTo(expected);
    }

    @Test
    void rewritesRootReferencesButNotQuotedTextOrRegexes() {
        assertThat(JsonPathFilters.toFilterPath("$.a == '$.b' && $['c'] =~ /x$/"))
                .isEqualTo("$[?(@.a == '$.b' && @['c'] =~ /x$/)]");
        assertThat(JsonPathFilters.toFilterPath("$[?(@.a)]")).isEqualTo("$[?(@.a)]");
    }

    @Test
    void alertConditionAcceptsWhenAnyAlertMatches() throws Exception {
        Alert warning = Alert.builder().title("w").source("s").status(AlertStatus.TRIGGER).severity(Severity.WARNING)
                .label("team", "db").build();
        Alert critical = warning.toBuilder().severity(Severity.CRITICAL).build();
        EventFilter filter = JsonPathFilters.alertCondition("$.severity == 'critical' && $.labels.team == 'db'");

        assertThat(filter.accepts(event("{}", List.of(warning, critical)))).isTrue();
        assertThat(filter.accepts(event("{}", List.of(warning)))).isFalse();
        assertThat(filter.accepts(event("{}", List.of()))).isFalse();
    }

    @Test
    void invalidConditionIsAConfigurationErrorNamingEndpointAndExpression() {
        assertThatThrownBy(() -> JsonPathFilters.condition("alerts-in", "$.severity == 'critical"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("endpoint 'alerts-in': filter condition is not a valid JSONPath condition: "
                        + "'$.severity == 'critical'");
        assertThatThrownBy(() -> JsonPathFilters.condition(""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("filter condition must be a JSONPath expression but was ''");
    }

    @Test
    void combinesWithGlobFilters() throws Exception {
        Alert critical = Alert.builder().title("c").source("s").status(AlertStatus.TRIGGER).severity(Severity.CRITICAL).build();
        EventFilter filter = EventFilter.globs(List.of("*.critical"), List.of()).and(JsonPathFilters.condition("$.env == 'prod'"));

        assertThat(filter.accepts(event(PAYLOAD, "alert", List.of(critical)))).isTrue();
        assertThat(filter.accepts(event("{\"env\":\"staging\"}", "alert", List.of(critical)))).isFalse();
        assertThat(JsonPathFilters.condition("$.env == 'prod'")).hasToString("condition[$.env == 'prod']");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "$.title =~ /(a+)+b/ -> repeat itself",
        "$.title =~ /(x|xy)*z/ -> repeat itself",
        "$.title =~ /((ab)*c){2,}/ -> repeat itself",
        "$.title =~ /(a)\\1/ -> back-references",
        "$.title =~ /.*a.*a.*b/ -> at most 2 unbounded",
        "$.title =~ /a+b+c{3,}/ -> at most 2 unbounded",
        "$[?(@.title =~ /(a*)*/)] -> repeat itself"})
    void regexThatCouldBacktrackWithoutBoundIsRefusedNamingIt(String condition, String why) {
        assertThatThrownBy(() -> JsonPathFilters.condition("alerts", condition))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("endpoint 'alerts'")
                .hasMessageContaining("could take very long")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " -> ", value = {
        "$.title =~ /.*disk.*/i -> true",
        "$.title =~ /(?i)disk full.*/ -> true",
        "$.title =~ /(?:Disk|Memory) full on db\\$[0-9]{1,3}/ -> true",
        "$.title =~ /(Memory)? full.*/ -> false",
        "$.title =~ /[a-z ]+.*/i -> true",
        "$.title =~ /(ab){2}.*/ -> false"})
    void boundedRegexesStillWork(String condition, boolean expected) throws Exception {
        assertThat(JsonPathFilters.condition(condition).accepts(event(PAYLOAD, List.of()))).isEqualTo(expected);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.SECONDS)
    void hostileLongValueCannotMakeARegexConditionSlow() throws Exception {
        // Quadratic on the whole value: ~10^11 steps for 300 000 characters; the cut makes it ~10^7.
        String payload = "{\"title\":\"" + "a".repeat(300_000) + "\"}";
        EventFilter filter = JsonPathFilters.condition("$.title =~ /.*a.*b/");
        WebhookEvent hostile = event(payload, List.of());

        long started = System.nanoTime();
        boolean accepted = filter.accepts(hostile);
        long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(accepted).isFalse();
        assertThat(millis).as("milliseconds to evaluate").isLessThan(2_000);
    }

    @Test
    void regexConditionSeesOnlyTheFirstCharactersOfALongValue() throws Exception {
        String head = "x".repeat(dev.webhookkit.mapping.internal.RegexGuard.MAX_INPUT_CHARS);
        String payload = "{\"title\":\"" + head + "disk\",\"short\":\"disk\"}";

        assertThat(JsonPathFilters.condition("$.title =~ /.*disk.*/").accepts(event(payload, List.of()))).isFalse();
        assertThat(JsonPathFilters.condition("$.short =~ /.*disk.*/").accepts(event(payload, List.of()))).isTrue();
        assertThat(JsonPathFilters.condition("$.title == '" + head + "disk'").accepts(event(payload, List.of())))
                .as("conditions without a regular expression see the whole value").isTrue();
    }
}
