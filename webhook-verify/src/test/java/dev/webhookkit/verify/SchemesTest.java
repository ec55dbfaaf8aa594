package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookkit.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemesTest {
    @Test
    void knowsExactlyTheContractIdsThenTheProvidersOnes() {
        // test-scheme comes from TestSchemeProvider, registered in this module's test META-INF/services.
        assertThat(Schemes.ids()).containsExactly("hmac-sha256", "github", "bitbucket", "gitlab", "shared-secret", "basic-auth",
                "bearer-token", "standard-webhooks", "standard-webhooks-ed25519", "svix", "stripe", "slack", "shopify", "twilio",
                "pagerduty", "sentry", "discord", "grafana", "splunk-observability", "honeycomb", "splunk-oncall", "telegram", "agnox", "sns",
                "test-scheme");
    }

    @Test
    void everyIdBuildsASchemeReportingThatId() {
        for (String id : Schemes.ids()) {
            assertThat(Schemes.byId(id).schemeId()).isEqualTo(id);
            assertThat(Schemes.byId(id, SchemeOptions.defaults()).schemeId()).isEqualTo(id);
        }
    }

    @Test
    void defaultInstancesAreSharedAndOptionInstancesAreNew() {
        assertThat(Schemes.github()).isSameAs(Schemes.byId("github"));
        assertThat(Schemes.byId("github", SchemeOptions.defaults())).isNotSameAs(Schemes.github());
    }

    @Test
    void anUnknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> Schemes.byId("gihtub"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'gihtub'")
                .hasMessageContaining("github, bitbucket");
        assertThatThrownBy(() -> Schemes.byId("nope", SchemeOptions.defaults())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void onlySnsNeedsNoSecretsAndCannotSign() {
        List<String> unsigned = Schemes.ids().stream().filter(id -> !Schemes.byId(id).canSign()).toList();
        List<String> secretless = Schemes.ids().stream().filter(id -> !Schemes.byId(id).requiresSecrets()).toList();
        assertThat(unsigned).containsExactly("sns");
        assertThat(secretless).containsExactly("sns");
    }

    @Test
    void optionsValidateAndNameTheSetting() {
        assertThatThrownBy(() -> SchemeOptions.builder().maxHeaderLength(3))
                .isInstanceOf(ConfigurationException.class).hasMessage("maxHeaderLength must be >= 16 but was 3");
        assertThatThrownBy(() -> SchemeOptions.builder().signatureHeader("X Bad: header"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("signatureHeader");
        SchemeOptions o = SchemeOptions.builder().signatureHeader("X-Sig").acceptHeader("X-Signature").build();
        assertThat(o.toBuilder().build().extraHeaders()).containsExactly("X-Signature");
        assertThat(o.signatureHeader()).contains("X-Sig");
        assertThat(SchemeOptions.defaults().timestampPolicy()).isEmpty();
    }
}
