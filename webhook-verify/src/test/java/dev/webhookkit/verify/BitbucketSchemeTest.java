package dev.webhookkit.verify;


/** bitbucket: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class BitbucketSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.bitbucket();
    }

    @Override
    String signatureHeader() {
        return "X-Hub-Signature";
    }
}
