package dev.webhookkit.verify;


/** shopify: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class ShopifySchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.shopify();
    }

    @Override
    String signatureHeader() {
        return "X-Shopify-Hmac-Sha256";
    }
}
