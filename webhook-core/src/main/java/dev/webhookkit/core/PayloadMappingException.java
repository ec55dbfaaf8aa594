package dev.webhookkit.core;

/** A mapper could not make sense of a payload; the receiver answers {@link Reason#MALFORMED_PAYLOAD}. */
public class PayloadMappingException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public PayloadMappingException(String message) {
        super(message);
    }

    public PayloadMappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
