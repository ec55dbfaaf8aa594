package dev.webhookkit.verify;


/** bearer-token: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class BearerTokenSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.bearerToken();
    }

    @Override
    String signatureHeader() {
        return "Authorization";
    }

    @Override
    boolean signsBody() {
        return false;
    }
}
