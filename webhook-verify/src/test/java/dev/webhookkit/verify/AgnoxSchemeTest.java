package dev.webhookkit.verify;

/** agnox: the contract suite. Its exact format is checked by {@link AgnoxFormatTest}. */
class AgnoxSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.agnox();
    }

    @Override
    String signatureHeader() {
        return "x-agnox-signature";
    }
}
