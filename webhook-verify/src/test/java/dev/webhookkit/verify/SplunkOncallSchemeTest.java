package dev.webhookkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.SecretSet;
import org.junit.jupiter.api.Test;

/** Splunk On-Call uses Twilio's algorithm under its own header. */
class SplunkOncallSchemeTest extends TwilioSchemeTest {
    @Override
    SignatureScheme scheme() {
        return Schemes.splunkOncall();
    }

    @Override
    String signatureHeader() {
        return "X-VictorOps-Signature";
    }

    @Override
    @Test
    void reproducesTwiliosDocumentedSignature() {
        Vectors.Vector v = Vectors.byId("splunk-oncall-outgoing-webhook");
        assertThat(scheme().verify(v.request(), SecretSet.ofValues(v.secret())).isValid()).isTrue();
        assertThat(Schemes.twilio().verify(v.request(), SecretSet.ofValues(v.secret())).failure())
                .contains(dev.webhookkit.core.Reason.MISSING_SIGNATURE);
    }
}
