package dev.webhookkit.verify;


/** svix: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class SvixSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.svix();
    }

    @Override
    String signedId() {
        return "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    }

    @Override
    String signatureHeader() {
        return "svix-signature";
    }

    @Override
    String signingSecret(int n) {
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(("svix-contract-key-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    boolean timestamped() {
        return true;
    }

    @Override
    boolean multiSignature() {
        return true;
    }

    @Override
    String timestampHeader() {
        return "svix-timestamp";
    }
}
