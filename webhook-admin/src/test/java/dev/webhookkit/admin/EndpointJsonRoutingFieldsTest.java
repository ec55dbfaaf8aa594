package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.verify.Schemes;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The issue-13 endpoint settings in the codec: formJsonField, integrationId, urlToken, responseModeField. */
class EndpointJsonRoutingFieldsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String TOKEN = "tok_9f8e7d6c5b4a39281706fedcba";
    private final EndpointJson json = EndpointJson.defaults();

    private static JsonNode node(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void integrationIdAndResponseModeFieldRoundTripThroughTheStoredForm() {
        Endpoint original = Endpoint.builder("ops").path("/hooks/shared").verifier(Schemes.hmacSha256())
                .secrets(dev.webhookkit.core.SecretSet.of(dev.webhookkit.core.Secret.of("s1", "secret-value-1")))
                .integrationId("int-42").responseModeField("response_mode").formJsonField("data").build();
        Endpoint back = json.decode(json.encode(original));
        assertThat(back.integrationId()).contains("int-42");
        assertThat(back.responseModeField()).contains("response_mode");
        assertThat(back.formJsonField()).contains("data");
        assertThat(back.urlToken()).isEmpty();
        assertThat(json.encode(back)).isEqualTo(json.encode(original));
    }

    @Test
    void urlTokenIsStoredButTheViewOnlySaysWhetherOneIsSet() {
        Endpoint original = Endpoint.builder("gnetix").allowUnsigned().urlToken(TOKEN).build();
        String stored = json.encode(original);
        assertThat(stored).contains(TOKEN);
        Endpoint back = json.decode(stored);
        assertThat(back.urlToken()).contains(TOKEN);
        assertThat(back.acceptsUrlToken(TOKEN)).isTrue();

        String view = json.toView(back, NOW).toString();
        assertThat(view).doesNotContain(TOKEN).doesNotContain("\"urlToken\"").contains("\"urlTokenSet\":true");
        assertThat(json.toView(Endpoint.builder("plain").allowUnsigned().build(), NOW).get("urlTokenSet").asBoolean()).isFalse();
    }

    @Test
    void formJsonFieldAbsentTakesTheSchemeDefaultAndNullTurnsItOff() throws Exception {
        Endpoint byDefault = json.fromJson(node("{'name':'s','scheme':'slack','secrets':['slack-signing-secret']}"));
        assertThat(byDefault.formJsonField()).contains("payload");
        Endpoint off = json.fromJson(node("{'name':'s','scheme':'slack','secrets':['slack-signing-secret'],'formJsonField':null}"));
        assertThat(off.formJsonField()).isEmpty();
        // The stored form keeps "off" off and the default as it was.
        assertThat(json.decode(json.encode(off)).formJsonField()).isEmpty();
        assertThat(json.decode(json.encode(byDefault)).formJsonField()).contains("payload");
        assertThat(json.toView(off, NOW).has("formJsonField")).isTrue();
        assertThat(json.toView(off, NOW).get("formJsonField").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'name':'a','scheme':'none','integrationId':'int-1'}|integrationId",
            "{'name':'a','scheme':'none','path':'/p','integrationId':'bad id'}|integrationId",
            "{'name':'a','scheme':'none','path':'/p','integrationId':7}|integrationId",
            "{'name':'a','scheme':'none','urlToken':'short'}|urlToken",
            "{'name':'a','scheme':'none','path':'/p','urlToken':'tok_9f8e7d6c5b4a39281706fedcba'}|urlToken",
            "{'name':'a','scheme':'none','formJsonField':'  '}|formJsonField",
            "{'name':'a','scheme':'none','formJsonField':true}|formJsonField",
            "{'name':'a','scheme':'none','responseModeField':''}|responseModeField",
            "{'name':'a','scheme':'none','urlTokenSet':true}|urlTokenSet",
    })
    void invalidSettingsNameTheirField(String body, String field) throws Exception {
        assertThatThrownBy(() -> json.fromJson(node(body)))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo(field));
    }

    @Test
    void overLongValuesAreRefusedWithoutEchoingThem() throws Exception {
        String longToken = "A".repeat(257);
        assertThatThrownBy(() -> json.fromJson(node("{'name':'a','scheme':'none','urlToken':'" + longToken + "'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> {
                    assertThat(ex.field()).isEqualTo("urlToken");
                    assertThat(ex.getMessage()).doesNotContain(longToken);
                });
        String badToken = "has a space but is long enough!!";
        assertThatThrownBy(() -> json.fromJson(node("{'name':'a','scheme':'none','urlToken':'" + badToken + "'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.getMessage()).doesNotContain(badToken));
        assertThatThrownBy(() -> json.fromJson(node("{'name':'a','scheme':'none','path':'/p','integrationId':'" + "i".repeat(129) + "'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo("integrationId"));
        assertThatThrownBy(() -> json.fromJson(node("{'name':'a','scheme':'none','responseModeField':'" + "f".repeat(257) + "'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo("responseModeField"));
    }
}
