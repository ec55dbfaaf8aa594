package dev.webhookkit.verify.internal;

import static dev.webhookkit.verify.internal.SchemeSupport.MALFORMED_SIGNATURE;
import static dev.webhookkit.verify.internal.SchemeSupport.SIGNATURE_MISMATCH;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.core.VerificationResult;
import dev.webhookkit.core.WebhookException;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.SignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Twilio's algorithm, also used by Splunk On-Call: base64 HMAC-SHA1 over the full URL the sender
 * addressed (query included) followed by every POST parameter name and value, sorted by name
 * (values of a repeated name sorted too), without separators.
 *
 * <p>Like Twilio's own validators, the URL is also tried with its port removed, or with the
 * scheme's default port added, because proxies and servers disagree on whether to show it. For
 * JSON bodies Twilio signs the URL only, which then carries {@code bodySHA256=<hex SHA-256 of the
 * body>}; that hash is checked too, so the body is still authenticated.
 */
public final class UrlHmacScheme implements SignatureScheme {
    private static final String BODY_HASH_PARAMETER = "bodySHA256";

    private final String id;
    private final String header;
    private final String lookup;
    private final int maxHeaderLength;
    private final MacCache macs = MacCache.utf8("HmacSHA1");

    public UrlHmacScheme(String id, String header, int maxHeaderLength) {
        this.id = id;
        this.header = header;
        this.lookup = header.toLowerCase(Locale.ROOT);
        this.maxHeaderLength = maxHeaderLength;
    }

    @Override
    public String schemeId() {
        return id;
    }

    @Override
    public VerificationResult verify(WebhookRequest request, SecretSet secrets) {
        String value = SchemeSupport.firstHeader(request.headers(), lookup);
        VerificationResult rejected = SchemeSupport.rejectHeader(value, maxHeaderLength);
        if (rejected != null) {
            return rejected;
        }
        byte[] signature = Codec.decodeBase64(value.trim());
        if (signature == null || signature.length != macs.macLength()) {
            return MALFORMED_SIGNATURE;
        }
        if (request.url().isEmpty()) {
            return SIGNATURE_MISMATCH; // the receiver did not say which URL was called; nothing can match
        }
        byte[] parameters = sortedParameters(request.formParameters());
        List<byte[]> urls = urlVariants(request.url());
        for (Secret secret : secrets.activeAt(request.receivedAt())) {
            for (byte[] url : urls) {
                byte[] expected;
                try {
                    expected = macs.compute(secret, url, parameters);
                } catch (ConfigurationException e) {
                    break;
                }
                if (MessageDigest.isEqual(expected, signature)) {
                    return bodyHashMatches(request) ? VerificationResult.valid(secret.id()) : SIGNATURE_MISMATCH;
                }
            }
        }
        return SIGNATURE_MISMATCH;
    }

    /** When the signed URL carries {@code bodySHA256}, the body must hash to it. */
    private static boolean bodyHashMatches(WebhookRequest request) {
        List<String> expected = request.queryParameters().get(BODY_HASH_PARAMETER);
        if (expected == null || expected.isEmpty()) {
            return true;
        }
        try {
            byte[] actual = Codec.encodeHex(MessageDigest.getInstance("SHA-256").digest(request.body()))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(actual, expected.get(0).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new WebhookException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public Headers sign(SigningInput input, SecretSet secrets) {
        Objects.requireNonNull(input, "input");
        Secret secret = SchemeSupport.primary(Objects.requireNonNull(secrets, "secrets"), input.timestamp(), id);
        if (input.url().isEmpty()) {
            throw new ConfigurationException("scheme " + id + " signs the target URL, but the signing input has none");
        }
        byte[] mac = macs.compute(secret, input.url().getBytes(StandardCharsets.UTF_8), sortedParameters(input.formParameters()));
        return Headers.of(header, Codec.encodeBase64(mac));
    }

    static byte[] sortedParameters(Map<String, List<String>> parameters) {
        if (parameters.isEmpty()) {
            return new byte[0];
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(parameters).forEach((name, values) -> {
            List<String> sorted = new ArrayList<>(values);
            sorted.sort(null);
            for (String v : sorted) {
                sb.append(name).append(v);
            }
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The URL as given, then with its port removed, or with the default port added. */
    static List<byte[]> urlVariants(String url) {
        List<byte[]> variants = new ArrayList<>(2);
        variants.add(url.getBytes(StandardCharsets.UTF_8));
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return variants;
        }
        int hostStart = schemeEnd + 3;
        int authorityEnd = hostStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = url.substring(hostStart, authorityEnd);
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']') && colon > authority.lastIndexOf('@');
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String other;
        if (hasPort) {
            other = url.substring(0, hostStart) + authority.substring(0, colon) + url.substring(authorityEnd);
        } else if (scheme.equals("https") || scheme.equals("http")) {
            other = url.substring(0, authorityEnd) + (scheme.equals("https") ? ":443" : ":80") + url.substring(authorityEnd);
        } else {
            return variants;
        }
        variants.add(other.getBytes(StandardCharsets.UTF_8));
        return variants;
    }

    @Override
    public String toString() {
        return "SignatureScheme[" + id + ", header " + header + "]";
    }
}
