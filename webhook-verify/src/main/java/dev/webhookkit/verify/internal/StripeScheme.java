package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_TIMESTAMP;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureEncoding;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.util.Objects;

/**
 * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, hex HMAC-SHA256 over
 * {@code t.body} keyed with the {@code whsec_…} endpoint secret as UTF-8 text (not base64-decoded,
 * unlike Standard Webhooks). Only {@code v1} entries count; {@code v0} and unknown ones are skipped.
 */
public final class StripeScheme implements SignatureScheme {
    public static final String HEADER = "Stripe-Signature";
    private static final String LOOKUP = "stripe-signature";

    private final MacCache macs = MacCache.utf8("HmacSHA256");
    private final TimestampPolicy policy;
    private final int maxHeaderLength;

    public StripeScheme(TimestampPolicy policy, int maxHeaderLength) {
        this.policy = policy;
        this.maxHeaderLength = maxHeaderLength;
    }

    @Override
    public String schemeId() {
        return "stripe";
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        String header = SchemeSupport.firstHeader(request.headers(), LOOKUP);
        VerificationResult rejected = SchemeSupport.rejectHeader(header, maxHeaderLength);
        if (rejected != null) {
            return rejected;
        }
        SignatureList list = SignatureList.parse(header, ',', "v1=", SignatureEncoding.HEX, macs.macLength(),
                SignatureList.MAX_ENTRIES + 1); // t= shares the header
        String timestamp = SignatureList.entry(header, ',', "t=");
        if (timestamp == null) {
            return list.malformed() ? MALFORMED_SIGNATURE : MISSING_TIMESTAMP;
        }
        if (SchemeSupport.parseEpochSeconds(timestamp) < 0) {
            return MALFORMED_SIGNATURE;
        }
        if (list.isEmpty()) {
            return list.emptyResult();
        }
        rejected = SchemeSupport.rejectTimestamp(timestamp, maxHeaderLength, policy, request.receivedAt());
        if (rejected != null) {
            return rejected;
        }
        return macs.firstMatch(secrets.activeAt(request.receivedAt()), SchemeSupport.utf8(timestamp, "."), request.body(),
                list.signatures());
    }

    /** Signs with every active secret, as Stripe does while an endpoint secret is being rolled. */
    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(secrets, "secrets");
        String t = Long.toString(input.timestamp().getEpochSecond());
        byte[] signedPrefix = SchemeSupport.utf8(t, ".");
        StringBuilder value = new StringBuilder("t=").append(t);
        for (Secret secret : SchemeSupport.allActive(secrets, input.timestamp(), schemeId())) {
            value.append(",v1=").append(Codec.encodeHex(macs.compute(secret, signedPrefix, input.body())));
        }
        return Headers.of(HEADER, value.toString());
    }

    @Override
    public String toString() {
        return "SignatureScheme[stripe, header " + HEADER + "]";
    }
}
