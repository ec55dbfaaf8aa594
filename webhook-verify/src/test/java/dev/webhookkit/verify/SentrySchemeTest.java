package dev.webhookkit.verify;


/** sentry: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class SentrySchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.sentry();
    }

    @Override
    String signatureHeader() {
        return "Sentry-Hook-Signature";
    }
}
