package dev.webhookkit.verify.spi;

import dev.webhookkit.core.WebhookException;

/** An SNS signing certificate could not be fetched or parsed; the message names the URL, never a secret. */
public class CertificateUnavailableException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public CertificateUnavailableException(String message) {
        super(message);
    }

    public CertificateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
