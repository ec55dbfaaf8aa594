package dev.webhookkit.verify;


/** grafana: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class GrafanaSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.grafana();
    }

    @Override
    String signatureHeader() {
        return "X-Grafana-Alerting-Signature";
    }
}
