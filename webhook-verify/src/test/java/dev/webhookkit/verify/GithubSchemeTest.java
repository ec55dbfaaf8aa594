package dev.webhookkit.verify;


/** github: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class GithubSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.github();
    }

    @Override
    String signatureHeader() {
        return "X-Hub-Signature-256";
    }
}
