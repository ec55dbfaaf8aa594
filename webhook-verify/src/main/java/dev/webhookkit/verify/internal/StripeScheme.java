package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.MISSING_TIMESTAMP;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;
import static dev.webhookkit.verify.internal.SchemeSupport.TIMESTAMP_EXPIRED;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import dev.webhookkit.verify.TimestampPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Stripe: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}, hex HMAC-SHA256 over
 * {@code t.body} keyed with the {@code whsec_…} endpoint secret as UTF-8 text (not base64-decoded,
 * unlike Standard Webhooks). Only {@code v1} entries count; {@code v0} and unknown ones are skipped.
 */
public final class StripeScheme implements SignatureScheme {
    public static final String HEADER = "Stripe-Signature";
    private static final String LOOKUP = "stripe-signature";
    private static final byte[] DOT = {'.'};

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
        if (header == null) {
            return MISSING_SIGNATURE;
        }
        if (header.length() > maxHeaderLength) {
            return MALFORMED_SIGNATURE;
        }
        String timestamp = null;
        List<byte[]> candidates = new ArrayList<>(2);
        boolean malformed = false;
        int start = 0;
        while (start < header.length()) {
            int comma = header.indexOf(',', start);
            int end = comma < 0 ? header.length() : comma;
            int from = SchemeSupport.skipSpaces(header, start, end);
            int to = SchemeSupport.trimEnd(header, from, end);
            if (header.startsWith("t=", from) && timestamp == null) {
                timestamp = header.substring(from + 2, to);
            } else if (header.startsWith("v1=", from)) {
                byte[] signature = Codec.decodeHex(header, from + 3, to);
                if (signature != null && signature.length == macs.macLength()) {
                    candidates.add(signature);
                } else {
                    malformed = true;
                }
            } else if (header.indexOf('=', from) < 0 || header.indexOf('=', from) >= to) {
                malformed = true;
            }
            start = end + 1;
        }
        if (timestamp == null) {
            return malformed ? MALFORMED_SIGNATURE : MISSING_TIMESTAMP;
        }
        long seconds = SchemeSupport.parseEpochSeconds(timestamp);
        if (seconds < 0) {
            return MALFORMED_SIGNATURE;
        }
        if (candidates.isEmpty()) {
            return malformed ? MALFORMED_SIGNATURE : SIGNATURE_MISMATCH;
        }
        if (!policy.acceptsEpochSecond(seconds, request.receivedAt())) {
            return TIMESTAMP_EXPIRED;
        }
        byte[] ts = timestamp.getBytes(StandardCharsets.US_ASCII);
        List<Secret> active = secrets.activeAt(request.receivedAt());
        for (int i = 0; i < active.size(); i++) {
            Secret secret = active.get(i);
            byte[] expected;
            try {
                expected = compute(macs.mac(secret), ts, request.body());
            } catch (ConfigurationException e) {
                continue;
            }
            for (int c = 0; c < candidates.size(); c++) {
                if (MessageDigest.isEqual(expected, candidates.get(c))) {
                    return VerificationResult.valid(secret.id());
                }
            }
        }
        return SIGNATURE_MISMATCH;
    }

    private static byte[] compute(Mac mac, byte[] timestamp, byte[] body) {
        mac.update(timestamp);
        mac.update(DOT);
        mac.update(body);
        return mac.doFinal();
    }

    /** Signs with every active secret, as Stripe does while an endpoint secret is being rolled. */
    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(secrets, "secrets");
        String t = Long.toString(input.timestamp().getEpochSecond());
        byte[] ts = t.getBytes(StandardCharsets.US_ASCII);
        StringBuilder value = new StringBuilder("t=").append(t);
        for (Secret secret : SchemeSupport.allActive(secrets, input.timestamp(), schemeId())) {
            value.append(",v1=").append(Codec.encodeHex(compute(macs.mac(secret), ts, input.body())));
        }
        return Headers.of(HEADER, value.toString());
    }

    @Override
    public String toString() {
        return "SignatureScheme[stripe, header " + HEADER + "]";
    }
}
