package dev.webhookkit.verify;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.OutboundSigner;
import dev.webhookkit.core.spi.SignatureVerifier;

/**
 * One sender's signature format, able to both verify inbound requests and sign outbound ones, so a
 * webhookkit sender and a webhookkit receiver can never drift apart. Obtain instances from
 * {@link Schemes}.
 *
 * <p>Verification never throws on bad input: every rejection is a
 * {@link VerificationResult#invalid(dev.webhookkit.core.Reason)}. It checks the raw body bytes,
 * compares in constant time, tries every secret active at {@link WebhookRequest#receivedAt()} and
 * every signature the header carries, and reports which secret matched.
 *
 * <p>Implementations are immutable and thread-safe; they cache keyed HMAC states and parsed keys,
 * so keep and reuse an instance rather than creating one per request.
 */
public interface SignatureScheme extends SignatureVerifier, OutboundSigner {

    /** The scheme id ({@code github}, {@code stripe} …), as listed by {@link Schemes#ids()}. */
    @Override
    String schemeId();

    @Override
    VerificationResult verify(WebhookRequest request, SecretSet secrets);

    /**
     * The headers a sender adds to sign this message. Schemes that carry several signatures sign
     * with every secret active at the input's timestamp, the others with the newest active one.
     *
     * @throws dev.webhookkit.core.ConfigurationException when no secret is active, a secret is not
     *     in the format the scheme needs, or the scheme cannot sign at all (see {@link #canSign()})
     */
    @Override
    Headers sign(SigningInput input, SecretSet secrets);

    /** False for schemes only the original sender can produce (AWS SNS signs with its own keys). */
    default boolean canSign() {
        return true;
    }
}
