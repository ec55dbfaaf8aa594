package dev.webhookkit.verify;


/** slack: the contract suite. Known answers are in {@link SignatureVectorsTest}. */
class SlackSchemeTest extends SchemeContract {
    @Override
    SignatureScheme scheme() {
        return Schemes.slack();
    }

    @Override
    String signatureHeader() {
        return "X-Slack-Signature";
    }

    @Override
    boolean timestamped() {
        return true;
    }

    @Override
    String timestampHeader() {
        return "X-Slack-Request-Timestamp";
    }
}
