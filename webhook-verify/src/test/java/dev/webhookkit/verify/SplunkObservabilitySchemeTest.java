package dev.webhookkit.verify;


/** splunk-observability: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class SplunkObservabilitySchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.splunkObservability();
    }

    @Override
    String signatureHeader() {
        return "X-SFX-Signature";
    }
}
