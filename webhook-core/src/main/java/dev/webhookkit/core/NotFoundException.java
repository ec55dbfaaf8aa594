package dev.webhookkit.core;

/**
 * A registry holds no entry with that key (an admin API answers it 404). The message names the
 * kind and the key.
 */
public class NotFoundException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String kind, String key) {
        super(kind + " '" + key + "' does not exist");
    }
}
