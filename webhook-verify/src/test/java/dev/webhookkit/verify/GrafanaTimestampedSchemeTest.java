package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import org.junit.jupiter.api.Test;

/** grafana with a timestamp header configured: signs {@code ts:body} and applies the timestamp policy. */
class GrafanaTimestampedSchemeTest extends SchemeContract {
    private static final SignatureScheme SCHEME =
            Schemes.grafana(SchemeOptions.builder().timestampHeader("X-Grafana-Alerting-Signature-Timestamp").build());

    @Override
    SignatureScheme scheme() {
        return SCHEME;
    }

    @Override
    SchemeOptions.Builder options() {
        return SchemeOptions.builder().timestampHeader("X-Grafana-Alerting-Signature-Timestamp");
    }

    @Override
    boolean registryDefault() {
        return false;
    }

    @Override
    boolean timestamped() {
        return true;
    }

    @Override
    String signatureHeader() {
        return "X-Grafana-Alerting-Signature";
    }

    @Override
    String timestampHeader() {
        return "X-Grafana-Alerting-Signature-Timestamp";
    }

    @Test
    void aReceiverWithoutTheTimestampHeaderConfiguredRejectsTimestampedSignatures() {
        Headers signed = scheme().sign(input(body()), signingSet(1));
        assertThat(Schemes.grafana().verify(request(signed, body(), SIGNED_AT), verifyingSet(1)).failure())
                .contains(Reason.SIGNATURE_MISMATCH);
    }
}
