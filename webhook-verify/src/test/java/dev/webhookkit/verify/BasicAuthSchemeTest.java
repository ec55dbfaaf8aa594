package dev.webhookkit.verify;


/** basic-auth: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class BasicAuthSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.basicAuth();
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
