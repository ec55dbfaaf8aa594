package dev.webhookkit.verify;


/** shared-secret: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class SharedSecretSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.sharedSecret();
    }

    @Override
    String signatureHeader() {
        return "X-Webhook-Secret";
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
