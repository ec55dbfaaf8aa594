package dev.webhookkit.verify;


/** pagerduty: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class PagerDutySchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.pagerduty();
    }

    @Override
    String signatureHeader() {
        return "X-PagerDuty-Signature";
    }

    @Override
    boolean multiSignature() {
        return true;
    }
}
