package dev.webhookkit.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.verify.Schemes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionTest {
    private static Subscription.Builder valid() {
        return Subscription.builder("ops", "https://ops.example.com/hooks").secret("s3cr3t-value");
    }

    @Test
    void defaultsAreHmacSha256AllEventsEnabledTenSeconds() {
        Subscription s = valid().build();
        assertThat(s.signer().schemeId()).isEqualTo("hmac-sha256");
        assertThat(s.eventTypes()).containsExactly("*");
        assertThat(s.enabled()).isTrue();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.maxAttempts()).isEmpty();
        assertThat(s.maxInFlight()).isEqualTo(Subscription.DEFAULT_MAX_IN_FLIGHT);
        assertThat(s.accepts("anything.at.all")).isTrue();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "incident.*, incident.created, true",
        "incident.*, INCIDENT.Resolved, true",
        "incident.*, incidents.created, false",
        "incident.*, deploy.finished, false",
        "*.failed, build.failed, true",
        "invoice.paid, invoice.paid, true",
        "invoice.paid, invoice.paid.twice, false",
        "invoice.?aid, invoice.paid, true",
        "a+b.(c), a+b.(c), true"})
    void eventTypeGlobs(String glob, String type, boolean matches) {
        assertThat(valid().eventTypes(glob).build().accepts(type)).isEqualTo(matches);
    }

    @Test
    void aChosenSchemeIsKept() {
        assertThat(valid().signer(Schemes.standardWebhooks()).build().signer().schemeId()).isEqualTo("standard-webhooks");
        assertThat(valid().scheme("standard-webhooks").build().signer().schemeId()).isEqualTo("standard-webhooks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x.example/", "not a url", "/relative/path", "http:///nohost", "https://user:pw@x.example/", "https://x.example/#frag"})
    void refusesUrlsThatAreNotPlainHttpOrHttps(String url) {
        assertThatThrownBy(() -> Subscription.builder("ops", url).secret("x").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("subscription 'ops': url");
    }

    @Test
    void validationMessagesNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> Subscription.builder("bad id!", "https://x.example").secret("x").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'bad id!'");
        assertThatThrownBy(() -> Subscription.builder("ops", "https://x.example").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("subscription 'ops': secrets must not be empty (to send without a signature, say so with unsigned())");
        assertThatThrownBy(() -> valid().timeout(Duration.ZERO).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("timeout must be > 0 and <= PT2M but was PT0S");
        assertThatThrownBy(() -> valid().timeout(Duration.ofMinutes(3)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("but was PT3M");
        assertThatThrownBy(() -> valid().maxInFlight(0).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxInFlight must be > 0 but was 0");
        assertThatThrownBy(() -> valid().maxAttempts(-1))
                .isInstanceOf(ConfigurationException.class).hasMessage("maxAttempts must be > 0 but was -1");
        assertThatThrownBy(() -> valid().eventTypes().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("eventTypes must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "user-agent", "Host", "X-Webhook-Signature", "webhook-signature", "X-Webhook-Anything", "Content-Length"})
    void extraHeadersCannotOverrideTheDispatchersOwn(String name) {
        assertThatThrownBy(() -> valid().header(name, "v").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void toStringShowsOnlyWhereTheUrlGoes() {
        // A Slack incoming-webhook URL is its own secret.
        Subscription s = Subscription.builder("slack", "https://hooks.slack.com/services/T000/B000/XXXXSECRET?x=1").unsigned().build();
        assertThat(s.toString()).contains("https://hooks.slack.com/").doesNotContain("XXXXSECRET").doesNotContain("T000").doesNotContain("x=1");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(valid().build().toString()).doesNotContain("s3cr3t-value").contains("ops").contains("hmac-sha256");
    }

    @Test
    void unsignedIsAnExplicitOptInThatExcludesSecrets() {
        Subscription s = Subscription.builder("agnox", "https://x.example").unsigned().build();
        assertThat(s.unsigned()).isTrue();
        assertThat(s.toString()).contains("unsigned").doesNotContain("scheme=");
        assertThat(valid().build().unsigned()).isFalse();
        assertThatThrownBy(() -> valid().unsigned().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("subscription 'ops': unsigned() excludes secrets, but 1 secret(s) were set");
        assertThat(s.toBuilder().build()).isEqualTo(s);
        Subscription signed = valid().build();
        Subscription madeUnsigned = signed.toBuilder().secrets(dev.webhookkit.core.SecretSet.empty()).unsigned().build();
        assertThat(madeUnsigned.unsigned()).isTrue();
        assertThat(madeUnsigned).isNotEqualTo(signed);
    }

    @Test
    void aSubscriptionUserAgentIsKeptAndValidated() {
        assertThat(valid().build().userAgent()).isEmpty();
        assertThat(valid().userAgent("OpsKnight/2.1 (+https://opsknight.example)").build().userAgent())
                .contains("OpsKnight/2.1 (+https://opsknight.example)");
        assertThatThrownBy(() -> valid().userAgent("OpsKnight\r\nX-Injected: 1"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("subscription 'ops': userAgent must be printable ASCII without CR, LF or other control characters, but has U+000D at index 9");
        assertThatThrownBy(() -> valid().userAgent("a\nb")).isInstanceOf(ConfigurationException.class).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> valid().userAgent("x".repeat(257)))
                .isInstanceOf(ConfigurationException.class).hasMessage("subscription 'ops': userAgent must be 1 to 256 characters but was 257");
        assertThatThrownBy(() -> valid().userAgent("")).isInstanceOf(ConfigurationException.class).hasMessageContaining("but was 0");
        assertThatThrownBy(() -> valid().userAgent(" pad")).isInstanceOf(ConfigurationException.class).hasMessageContaining("start or end with a space");
        assertThatThrownBy(() -> valid().userAgent("caf\u00e9")).isInstanceOf(ConfigurationException.class).hasMessageContaining("U+00E9");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        Subscription s = valid().eventTypes("incident.*").header("X-Api-Key", "k").timeout(Duration.ofSeconds(3)).maxAttempts(4)
                .maxInFlight(2).description("pager").name("Pager duty bridge").tenant("team-a").enabled(false).userAgent("Agent/1").build();
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(s.toBuilder().build().name()).isEqualTo("Pager duty bridge");
        assertThat(s.toBuilder().build().tenant()).contains("team-a");
        assertThat(s.toBuilder().userAgent("Agent/2").build()).isNotEqualTo(s);
        assertThat(s.toBuilder().enabled(true).build().enabled()).isTrue();
    }

    @Test
    void nameDefaultsToTheIdAndTenantToNone() {
        Subscription s = valid().build();
        assertThat(s.name()).isEqualTo("ops");
        assertThat(s.tenant()).isEmpty();
    }

    @Test
    void nameAndTenantTakePartInEquality() {
        assertThat(valid().name("Ops").build()).isNotEqualTo(valid().build());
        assertThat(valid().tenant("a").build()).isNotEqualTo(valid().tenant("b").build());
        assertThat(valid().tenant("a").build()).isNotEqualTo(valid().build());
        assertThat(valid().name("Ops").tenant("a").build()).isEqualTo(valid().name("Ops").tenant("a").build());
    }

    @Test
    void toStringShowsNameAndTenant() {
        assertThat(valid().name("Ops team").tenant("team-a").build().toString()).contains("'Ops team'").contains("tenant=team-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "line\nbreak"})
    void refusesABlankOrControlCharacterName(String name) {
        assertThatThrownBy(() -> valid().name(name).build())
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("subscription 'ops': name must be 1 to 200 characters");
    }

    @Test
    void refusesANameLongerThan200Characters() {
        assertThat(valid().name("n".repeat(200)).build().name()).hasSize(200);
        assertThatThrownBy(() -> valid().name("n".repeat(201)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("but was 201 characters long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "team a", "-lead", "t/x", "t:x"})
    void refusesATenantThatIsNotAnId(String tenant) {
        assertThatThrownBy(() -> valid().tenant(tenant).build())
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("subscription 'ops': tenant must be");
    }

    @Test
    void refusesASchemeThatCannotSign() {
        assertThatThrownBy(() -> valid().scheme("sns").build())
                .isInstanceOf(ConfigurationException.class).hasMessage("subscription 'ops': scheme 'sns' only verifies and cannot sign");
    }
}
