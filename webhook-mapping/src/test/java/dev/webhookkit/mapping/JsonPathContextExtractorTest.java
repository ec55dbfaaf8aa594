package dev.webhookkit.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPathContextExtractorTest {
    private static JsonNode json(String s) throws Exception {
        return Samples.JSON.readTree(s);
    }

    @Test
    void extractsNamedValuesAsPlainJava() throws Exception {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("service", "$.labels.service");
        mapping.put("severity", "$.status");
        mapping.put("count", "$.count");
        mapping.put("flag", "$.flag");
        mapping.put("labels", "$.labels");
        JsonPathContextExtractor extractor = JsonPathContextExtractor.of(mapping);

        Map<String, Object> ctx = extractor.extract(json("{\"labels\":{\"service\":\"api\",\"team\":\"ops\"},\"status\":\"firing\","
                + "\"count\":3,\"flag\":true}"));

        assertThat(ctx).containsExactly(
                Map.entry("service", "api"), Map.entry("severity", "firing"), Map.entry("count", 3), Map.entry("flag", true),
                Map.entry("labels", Map.of("service", "api", "team", "ops")));
    }

    @Test
    void leavesMissingAndNullValuesOut() throws Exception {
        JsonPathContextExtractor extractor = JsonPathContextExtractor.of(Map.of(
                "missing", "$.labels.nope", "deep", "$.a.b.c.d", "nil", "$.nil", "none", "$.alerts[*].labels.team"));

        assertThat(extractor.extract(json("{\"labels\":{},\"nil\":null,\"alerts\":[{\"labels\":{}}]}"))).isEmpty();
        assertThat(extractor.extract(json("[1,2]"))).isEmpty();
    }

    @Test
    void indefinitePathsGiveLists() throws Exception {
        JsonPathContextExtractor extractor = JsonPathContextExtractor.of(Map.of("teams", "$.alerts[*].labels.team", "names", "$..name"));

        Map<String, Object> ctx = extractor.extract(json("{\"alerts\":[{\"labels\":{\"team\":\"db\"}},{\"labels\":{\"team\":\"web\"}}],"
                + "\"name\":\"top\"}"));

        assertThat(ctx).containsEntry("teams", List.of("db", "web")).containsEntry("names", List.of("top"));
    }

    @Test
    void invalidExpressionIsAConfigurationErrorNamingEndpointNameAndExpression() {
        assertThatThrownBy(() -> JsonPathContextExtractor.of("alerts-in", Map.of("service", "$.labels[?(")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("endpoint 'alerts-in': context mapping 'service' is not a valid JSONPath expression: '$.labels[?('");
        assertThatThrownBy(() -> JsonPathContextExtractor.of(Map.of("service", " ")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("context mapping 'service' must be a JSONPath expression but was ' '");
    }

    @Test
    void keepsTheMappingAsGiven() {
        assertThat(JsonPathContextExtractor.of(Map.of("s", "$.a")).mapping()).containsExactly(Map.entry("s", "$.a"));
    }
}
