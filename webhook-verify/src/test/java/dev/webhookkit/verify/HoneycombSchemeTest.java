package dev.webhookkit.verify;


/** honeycomb: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class HoneycombSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.honeycomb();
    }

    @Override
    String signatureHeader() {
        return "X-Honeycomb-Webhook-Token";
    }

    @Override
    boolean signsBody() {
        return false;
    }

    @Override
    dev.webhookkit.core.Reason garbledReason() {
        return dev.webhookkit.core.Reason.SIGNATURE_MISMATCH; // any text is a token, just not the right one
    }
}
