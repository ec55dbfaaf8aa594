package dev.webhookkit.core.spi;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;

/**
 * Produces the headers that sign an outbound webhook. Schemes that carry several signatures
 * (Standard Webhooks, Stripe) sign with every secret active at the input's timestamp so receivers
 * holding either secret verify during a rotation; single-signature schemes use the newest one.
 *
 * <p>Implementations must be thread-safe. The schemes ship in webhook-verify, where the same class
 * signs and verifies.
 */
@FunctionalInterface
public interface OutboundSigner {

    /** @throws dev.webhookkit.core.ConfigurationException when no secret is active */
    Headers sign(SigningInput input, SecretSet secrets);

    default String schemeId() {
        return "custom";
    }
}
