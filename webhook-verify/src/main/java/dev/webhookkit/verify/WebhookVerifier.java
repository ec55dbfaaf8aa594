package dev.webhookkit.verify;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import java.util.Objects;

/**
 * One-call verification for receiver applications that do not use the whole receiving pipeline:
 *
 * <pre>{@code
 * VerificationResult result = WebhookVerifier.verify("github", secret, rawBodyBytes, headers);
 * if (!result.isValid()) { respond 401 }
 * }</pre>
 *
 * <p>Pass the body exactly as it arrived ({@code byte[]}): a body that was parsed and re-serialized,
 * or decoded to a {@code String} and encoded again, no longer matches its signature. Overloads
 * taking {@code byte[]} treat the request as received now; to verify a captured request at its
 * original time, or for URL-signing schemes (Twilio, Splunk On-Call), pass a {@link WebhookRequest}
 * with its {@code receivedAt} and {@code url}.
 *
 * <p>Uses the shared default instance of each scheme ({@link Schemes#byId(String)}); for other
 * options call the scheme directly. Thread-safe.
 */
public final class WebhookVerifier {
    private WebhookVerifier() {
    }

    /**
     * @throws dev.webhookkit.core.ConfigurationException for an unknown scheme id or an empty secret
     */
    public static VerificationResult verify(String schemeId, String secret, byte[] rawBody, Headers headers) {
        return verify(schemeId, SecretSet.ofValues(Objects.requireNonNull(secret, "secret")), rawBody, headers);
    }

    /** @throws dev.webhookkit.core.ConfigurationException for an unknown scheme id */
    public static VerificationResult verify(String schemeId, SecretSet secrets, byte[] rawBody, Headers headers) {
        Objects.requireNonNull(rawBody, "rawBody");
        Objects.requireNonNull(headers, "headers");
        return verify(schemeId, secrets, WebhookRequest.post(rawBody, headers));
    }

    /** @throws dev.webhookkit.core.ConfigurationException for an unknown scheme id or an empty secret */
    public static VerificationResult verify(String schemeId, String secret, WebhookRequest request) {
        return verify(schemeId, SecretSet.ofValues(Objects.requireNonNull(secret, "secret")), request);
    }

    /** @throws dev.webhookkit.core.ConfigurationException for an unknown scheme id */
    public static VerificationResult verify(String schemeId, SecretSet secrets, WebhookRequest request) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(request, "request");
        return Schemes.byId(schemeId).verify(request, secrets);
    }
}
