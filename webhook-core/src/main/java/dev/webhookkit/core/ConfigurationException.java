package dev.webhookkit.core;

/** A configuration object was built with an invalid setting; the message names the setting and the value. */
public class ConfigurationException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
