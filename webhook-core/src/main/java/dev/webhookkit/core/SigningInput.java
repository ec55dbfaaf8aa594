package dev.webhookkit.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an outbound signer signs: the message id and timestamp that travel in headers, the exact
 * body bytes, and the target URL with form parameters for URL-signing schemes (Twilio).
 *
 * @param messageId stays the same across retries, so receivers can deduplicate
 * @param timestamp the signing time
 * @param body the exact bytes that will be sent (not copied)
 * @param url the target URL, "" when the scheme does not sign it
 * @param formParameters POST parameters for URL-signing schemes, empty otherwise
 */
public record SigningInput(String messageId, Instant timestamp, byte[] body, String url, Map<String, List<String>> formParameters) {
    public SigningInput {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(url, "url");
        formParameters = Map.copyOf(Objects.requireNonNull(formParameters, "formParameters"));
    }

    /** A JSON-body message to a URL. */
    public static SigningInput of(String messageId, Instant timestamp, byte[] body, String url) {
        return new SigningInput(messageId, timestamp, body, url, Map.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningInput s && s.messageId.equals(messageId) && s.timestamp.equals(timestamp)
                && java.util.Arrays.equals(s.body, body) && s.url.equals(url) && s.formParameters.equals(formParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, timestamp, url) * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "SigningInput[" + messageId + " at " + timestamp + ", " + body.length + " bytes to " + url + "]";
    }
}
