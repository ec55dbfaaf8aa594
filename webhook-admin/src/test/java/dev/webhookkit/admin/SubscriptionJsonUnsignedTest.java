package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.outbound.Subscription;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code unsigned} and {@code userAgent} in the subscription codec. */
class SubscriptionJsonUnsignedTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private final SubscriptionJson codec = SubscriptionJson.instance();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void unsignedOnlyByExplicitTrueAndItRoundTrips() throws Exception {
        Subscription s = codec.fromJson(json("{'id':'agnox','url':'https://agnox.example.com/in','unsigned':true}"));
        assertThat(s.unsigned()).isTrue();
        assertThat(s.secrets().isEmpty()).isTrue();
        assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        assertThat(codec.toView(s, NOW).get("unsigned").asBoolean()).isTrue();
        assertThat(codec.toView(s, NOW).get("secretSet").asBoolean()).isFalse();

        assertThatThrownBy(() -> codec.fromJson(json("{'id':'a','url':'https://a.example.com/','unsigned':false}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo("secret"));
        assertThatThrownBy(() -> codec.fromJson(json("{'id':'a','url':'https://a.example.com/'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.getMessage()).contains("unsigned"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'id':'a','url':'https://a.example.com/','unsigned':true,'secret':'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'}|unsigned",
            "{'id':'a','url':'https://a.example.com/','unsigned':true,'secrets':['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']}|unsigned",
            "{'id':'a','url':'https://a.example.com/','unsigned':'yes'}|unsigned",
            "{'id':'a','url':'https://a.example.com/','unsigned':true,'userAgent':''}|userAgent",
            "{'id':'a','url':'https://a.example.com/','unsigned':true,'userAgent':'bad\\r\\nX-Injected: 1'}|userAgent",
            "{'id':'a','url':'https://a.example.com/','unsigned':true,'userAgent':5}|userAgent",
    })
    void contradictionsAndBadValuesNameTheirField(String body, String field) throws Exception {
        assertThatThrownBy(() -> codec.fromJson(json(body)))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> {
                    assertThat(ex.field()).isEqualTo(field);
                    assertThat(ex.getMessage()).doesNotContain("whsec_");
                });
    }

    @Test
    void userAgentRoundTripsAndIsShown() throws Exception {
        Subscription s = codec.fromJson(json("{'id':'ok','url':'https://ok.example.com/','secret':'s3cret-value','userAgent':'OpsKnight/2.1'}"));
        assertThat(s.userAgent()).contains("OpsKnight/2.1");
        assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        assertThat(codec.toView(s, NOW).get("userAgent").asText()).isEqualTo("OpsKnight/2.1");
        Subscription plain = codec.fromJson(json("{'id':'ok','url':'https://ok.example.com/','secret':'s3cret-value'}"));
        assertThat(codec.toView(plain, NOW).get("userAgent").isNull()).isTrue();
        assertThat(codec.decode(codec.encode(plain)).userAgent()).isEmpty();
    }

    @Test
    void patchingASignedSubscriptionToUnsignedNeedsItsSecretsDropped() throws Exception {
        Subscription signed = codec.fromJson(json("{'id':'p','url':'https://p.example.com/','secret':'s3cret-value'}"));
        assertThatThrownBy(() -> codec.merge(signed, json("{'unsigned':true}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, ex -> assertThat(ex.field()).isEqualTo("unsigned"));
        Subscription unsigned = codec.merge(signed, json("{'unsigned':true,'secrets':null}"));
        assertThat(unsigned.unsigned()).isTrue();
        assertThat(unsigned.secrets().isEmpty()).isTrue();
        // A replace that says unsigned does not inherit the old secrets.
        assertThat(codec.fromJson(json("{'id':'p','url':'https://p.example.com/','unsigned':true}"), signed).unsigned()).isTrue();
    }
}
