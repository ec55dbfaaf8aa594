package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.verify.Schemes;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-03T18:00:00Z");
    private final SubscriptionJson codec = SubscriptionJson.instance();

    private static Subscription full() {
        return Subscription.builder("ops-pager", "https://ops.example.com/hooks?team=1")
                .name("Ops pager")
                .tenant("team-a")
                .scheme("standard-webhooks")
                .secrets(SecretSet.of(Secret.of("k2", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                        Secret.of("k1", "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", NOW.plusSeconds(3600))))
                .eventTypes("incident.*", "deploy.finished")
                .enabled(false)
                .headers(Headers.builder().add("X-Api-Key", "api-key-value").add("X-Route", "a").add("X-Route", "b").build())
                .timeout(Duration.ofMillis(2500))
                .maxAttempts(7)
                .maxInFlight(3)
                .ordered(true)
                .description("pages the on-call")
                .build();
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void theStoredFormDecodesToAnEqualSubscription() {
        Subscription s = full();
        assertThat(codec.decode(codec.encode(s))).isEqualTo(s);
        Subscription minimal = Subscription.builder("m", "https://m.example/").secret("s3cr3t").build();
        assertThat(codec.decode(codec.encode(minimal))).isEqualTo(minimal);
        assertThat(codec.key(s)).isEqualTo("ops-pager");
    }

    @Test
    void orderedIsFalseUnlessTheWriteFormSaysTrueAndRefusesANonBoolean() throws Exception {
        assertThat(codec.fromJson(json("{'id':'a','url':'https://a.example/h','secret':'s'}")).ordered()).isFalse();
        assertThat(codec.fromJson(json("{'id':'a','url':'https://a.example/h','secret':'s','ordered':true}")).ordered()).isTrue();
        assertThat(codec.toView(codec.fromJson(json("{'id':'a','url':'https://a.example/h','secret':'s'}")), NOW).get("ordered").asBoolean())
                .isFalse();
        assertThatThrownBy(() -> codec.fromJson(json("{'id':'a','url':'https://a.example/h','secret':'s','ordered':'yes'}")))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("ordered");
    }

    @Test
    void theStoredFormKeepsSecretsAndHeaderValues() {
        String stored = codec.encode(full());
        assertThat(stored).contains("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "api-key-value");
    }

    @Test
    void theViewShowsTheContractFieldsButNeverASecretOrHeaderValue() {
        ObjectNode view = codec.toView(full(), NOW.plusSeconds(7200));
        assertThat(view.get("id").asText()).isEqualTo("ops-pager");
        assertThat(view.get("name").asText()).isEqualTo("Ops pager");
        assertThat(view.get("url").asText()).isEqualTo("https://ops.example.com/hooks?team=1");
        assertThat(view.get("scheme").asText()).isEqualTo("standard-webhooks");
        assertThat(view.get("eventTypes").toString()).isEqualTo("[\"incident.*\",\"deploy.finished\"]");
        assertThat(view.get("enabled").asBoolean()).isFalse();
        assertThat(view.get("tenant").asText()).isEqualTo("team-a");
        assertThat(view.has("secret")).isFalse();
        assertThat(view.get("secretSet").asBoolean()).isTrue();
        assertThat(view.get("secrets").toString()).isEqualTo("[{\"id\":\"k2\",\"validUntil\":null,\"active\":true},"
                + "{\"id\":\"k1\",\"validUntil\":\"2026-12-03T19:00:00Z\",\"active\":false}]");
        assertThat(view.get("headerNames").toString()).isEqualTo("[\"X-Api-Key\",\"X-Route\"]");
        assertThat(view.has("headers")).isFalse();
        assertThat(view.get("timeoutMs").asLong()).isEqualTo(2500);
        assertThat(view.get("maxAttempts").asInt()).isEqualTo(7);
        assertThat(view.get("ordered").asBoolean()).isTrue();
        assertThat(view.toString()).doesNotContain("whsec_", "api-key-value");
    }

    @Test
    void theWriteFormHasTheBuildersDefaults() throws Exception {
        Subscription s = codec.fromJson(json("{'id':'a','url':'https://a.example/h','secret':'s3cr3t'}"));
        assertThat(s.name()).isEqualTo("a");
        assertThat(s.tenant()).isEmpty();
        assertThat(s.signer().schemeId()).isEqualTo("hmac-sha256");
        assertThat(s.eventTypes()).containsExactly("*");
        assertThat(s.enabled()).isTrue();
        assertThat(s.timeout()).isEqualTo(Subscription.DEFAULT_TIMEOUT);
        assertThat(s.maxAttempts()).isEmpty();
        assertThat(s.secrets()).isEqualTo(SecretSet.ofValues("s3cr3t"));
        assertThat(codec.toView(s, NOW).get("tenant").isNull()).isTrue();
        assertThat(codec.toView(s, NOW).get("maxAttempts").isNull()).isTrue();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{'url':'https://a.example/','secret':'s'}                                   | id",
        "{'id':'bad id','url':'https://a.example/','secret':'s'}                     | id",
        "{'id':'a','secret':'s'}                                                     | url",
        "{'id':'a','url':'ftp://a.example/','secret':'s'}                            | url",
        "{'id':'a','url':'not a url','secret':'s'}                                   | url",
        "{'id':'a','url':'https://u:p@a.example/','secret':'s'}                      | url",
        "{'id':'a','url':'https://a.example/'}                                       | secret",
        "{'id':'a','url':'https://a.example/','secret':''}                           | secret",
        "{'id':'a','url':'https://a.example/','secret':'s','secrets':['t']}          | secret",
        "{'id':'a','url':'https://a.example/','secrets':[]}                          | secrets",
        "{'id':'a','url':'https://a.example/','secrets':[{'id':'k'}]}                | secrets[0].value",
        "{'id':'a','url':'https://a.example/','secrets':[{'value':'v','x':1}]}       | secrets[0].x",
        "{'id':'a','url':'https://a.example/','secrets':[{'value':'v','validUntil':'soon'}]} | secrets[0].validUntil",
        "{'id':'a','url':'https://a.example/','secrets':[{'id':'k','value':'v'},{'id':'k','value':'w'}]} | secrets",
        "{'id':'a','url':'https://a.example/','secret':'s','scheme':'no-such-scheme'} | scheme",
        "{'id':'a','url':'https://a.example/','secret':'s','scheme':'sns'}            | scheme",
        "{'id':'a','url':'https://a.example/','secret':'s','eventTypes':[]}           | eventTypes",
        "{'id':'a','url':'https://a.example/','secret':'s','eventTypes':['  ']}       | eventTypes[0]",
        "{'id':'a','url':'https://a.example/','secret':'s','eventTypes':[3]}          | eventTypes[0]",
        "{'id':'a','url':'https://a.example/','secret':'s','eventTypes':'a.*'}        | eventTypes",
        "{'id':'a','url':'https://a.example/','secret':'s','enabled':'yes'}           | enabled",
        "{'id':'a','url':'https://a.example/','secret':'s','tenant':'team a'}         | tenant",
        "{'id':'a','url':'https://a.example/','secret':'s','name':''}                 | name",
        "{'id':'a','url':'https://a.example/','secret':'s','timeoutMs':0}            | timeoutMs",
        "{'id':'a','url':'https://a.example/','secret':'s','timeoutMs':120001}       | timeoutMs",
        "{'id':'a','url':'https://a.example/','secret':'s','timeoutMs':1.5}          | timeoutMs",
        "{'id':'a','url':'https://a.example/','secret':'s','maxAttempts':0}          | maxAttempts",
        "{'id':'a','url':'https://a.example/','secret':'s','maxInFlight':0}          | maxInFlight",
        "{'id':'a','url':'https://a.example/','secret':'s','headers':{'Host':'x'}}    | headers",
        "{'id':'a','url':'https://a.example/','secret':'s','headers':{'X-A':1}}       | headers.X-A",
        "{'id':'a','url':'https://a.example/','secret':'s','headers':['X-A']}         | headers",
        "{'id':'a','url':'https://a.example/','secret':'s','eventType':'a.*'}         | eventType"})
    void refusesAnInvalidFieldNamingIt(String body, String field) throws Exception {
        assertThatThrownBy(() -> codec.fromJson(json(body)))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }

    @Test
    void aSubscriptionHoldsAtMostTenSecretsAndBoundedValuesLikeAnEndpoint() {
        // Every attempt signs with every secret: a hostile admin client must not make that unbounded.
        String eleven = "[" + String.join(",", java.util.Collections.nCopies(11, "'k'")) + "]";
        assertThatThrownBy(() -> codec.fromJson(json("{'id':'a','url':'https://a.example/h','secrets':" + eleven + "}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("secrets"))
                .hasMessageContaining("a subscription holds at most 10 secrets");
        assertThatThrownBy(() -> codec.fromJson(json("{'id':'a','url':'https://a.example/h','secret':'" + "x".repeat(4097) + "'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("secret"))
                .message().doesNotContain("xxxx");
    }

    @Test
    void errorMessagesNeverHoldTheSecretOrAHeaderValue() throws Exception {
        String[] bodies = {
            "{'id':'a','url':'https://a.example/','secrets':[{'id':'k','value':'v3ry-s3cret'},{'id':'k','value':'v3ry-s3cret'}]}",
            "{'id':'a','url':'ftp://a.example/','secret':'v3ry-s3cret'}",
            "{'id':'a','url':'https://a.example/','secret':'v3ry-s3cret','headers':{'X-A':'v3ry-s3cret\\n'}}",
            "{'id':'a','url':'https://a.example/','secret':'v3ry-s3cret','headers':{'Host':'v3ry-s3cret'}}"};
        for (String body : bodies) {
            assertThatThrownBy(() -> codec.fromJson(json(body))).isInstanceOf(InvalidFieldException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("v3ry-s3cret"));
        }
        assertThatThrownBy(() -> codec.decode("{\"id\":\"a\",\"secret\":\"v3ry-s3cret\""))
                .isInstanceOf(ConfigurationException.class).hasMessage("a stored subscription is not valid JSON");
    }

    @Test
    void aReplacementThatLeavesOutTheWriteOnlyFieldsKeepsThem() throws Exception {
        Subscription current = full();
        Subscription replaced = codec.fromJson(json("{'id':'ops-pager','url':'https://new.example/h','scheme':'standard-webhooks'}"), current);
        assertThat(replaced.url().toString()).isEqualTo("https://new.example/h");
        assertThat(replaced.secrets()).isEqualTo(current.secrets());
        assertThat(replaced.headers()).isEqualTo(current.headers());
        // every other field takes its default again: PUT replaces
        assertThat(replaced.eventTypes()).containsExactly("*");
        assertThat(replaced.tenant()).isEmpty();
        Subscription newSecret = codec.fromJson(json("{'id':'ops-pager','url':'https://new.example/h','secret':'fresh','headers':{}}"), current);
        assertThat(newSecret.secrets()).isEqualTo(SecretSet.ofValues("fresh"));
        assertThat(newSecret.headers().size()).isZero();
    }

    @Test
    void aMergePatchChangesOnlyTheGivenFields() throws Exception {
        Subscription current = full();
        Subscription patched = codec.merge(current, json("{'enabled':true,'maxAttempts':null,'name':'Renamed'}"));
        assertThat(patched.enabled()).isTrue();
        assertThat(patched.maxAttempts()).isEmpty();
        assertThat(patched.name()).isEqualTo("Renamed");
        assertThat(patched.url()).isEqualTo(current.url());
        assertThat(patched.headers()).isEqualTo(current.headers());
        assertThat(patched.secrets()).isEqualTo(current.secrets());
        assertThat(patched.eventTypes()).isEqualTo(current.eventTypes());
        assertThat(patched.tenant()).isEqualTo(current.tenant());

        Subscription rekeyed = codec.merge(current, json("{'secret':'fresh'}"));
        assertThat(rekeyed.secrets()).isEqualTo(SecretSet.ofValues("fresh"));
    }

    @Test
    void aMergePatchRefusesAChangedIdAndInvalidValues() throws Exception {
        Subscription current = full();
        assertThatThrownBy(() -> codec.merge(current, json("{'id':'other'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> codec.merge(current, json("{'url':'gopher://x/'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThatThrownBy(() -> codec.merge(current, json("{'colour':'red'}")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("colour"));
        assertThat(codec.merge(current, json("{'id':'ops-pager'}"))).isEqualTo(current);
    }

    @Test
    void aSignerWrittenInCodeCannotBeStored() {
        Subscription custom = Subscription.builder("c", "https://c.example/").secret("s")
                .signer((input, secrets) -> Headers.of("X-Sig", "x")).build();
        assertThatThrownBy(() -> codec.encode(custom)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("subscription 'c' has a signer ('custom') written in code");
        Subscription withOptions = Subscription.builder("o", "https://o.example/").secret("s")
                .signer(Schemes.hmacSha256(dev.webhookkit.verify.SchemeOptions.defaults())).build();
        assertThatThrownBy(() -> codec.encode(withOptions)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot be stored as JSON");
    }
}
