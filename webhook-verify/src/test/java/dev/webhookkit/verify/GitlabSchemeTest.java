package dev.webhookkit.verify;


/** gitlab: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class GitlabSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.gitlab();
    }

    @Override
    String signatureHeader() {
        return "X-Gitlab-Token";
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
