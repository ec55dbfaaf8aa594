package dev.webhookkit.core.spi;

import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.util.List;

/**
 * Checks a request's signature against an endpoint's secrets. Implementations must compare in
 * constant time, verify the raw body bytes, measure timestamp tolerance from
 * {@link WebhookRequest#receivedAt()}, and never throw on bad input: every rejection is a
 * {@link VerificationResult#invalid(dev.webhookkit.core.Reason)}.
 *
 * <p>Implementations must be thread-safe. The schemes ship in webhook-verify.
 */
@FunctionalInterface
public interface SignatureVerifier {

    VerificationResult verify(WebhookRequest request, SecretSet secrets);

    /** The scheme id ({@code github}, {@code stripe} …), used in logs and configuration. */
    default String schemeId() {
        return "custom";
    }

    /** False for schemes that verify without endpoint secrets (SNS certificates, none). */
    default boolean requiresSecrets() {
        return true;
    }

    /**
     * True when a valid signature proves the request came from this endpoint's own sender, not just
     * from anyone the scheme's authority vouches for. Secrets only the sender holds do that (the
     * default); SNS signatures do only with a TopicArn allowlist, since AWS signs every customer's
     * messages with the same certificates. Handshakes that act on the sender's behalf (confirming
     * an SNS subscription) require it; see {@link Handshake#requiresBoundSender()}.
     */
    default boolean bindsSender() {
        return requiresSecrets();
    }

    /**
     * The request headers whose value is the secret itself or a credential derived from it (a
     * shared token, {@code Authorization: Bearer …}), which the event log must never keep: the
     * receiver records them as {@code "[redacted]"}, as it always does {@code Authorization},
     * {@code Proxy-Authorization} and {@code Cookie}. Signature headers (an HMAC of the body) are not
     * secrets and are kept. Names are matched ignoring case. Default: none.
     */
    default List<String> secretHeaders() {
        return List.of();
    }

    /** Accepts every request unsigned: for senders that cannot sign, behind another guard. */
    static SignatureVerifier none() {
        return NoSignature.INSTANCE;
    }

    /** The {@link #none()} verifier. */
    enum NoSignature implements SignatureVerifier {
        INSTANCE;

        @Override
        public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
            return VerificationResult.unsigned();
        }

        @Override
        public String schemeId() {
            return "none";
        }

        @Override
        public boolean requiresSecrets() {
            return false;
        }
    }
}
