package dev.webhookkit.core;

/**
 * A registry already holds an entry with that key: a conflict at run time, not a bad setting
 * (an admin API answers it 409). The message names the kind and the key.
 */
public class AlreadyExistsException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String kind, String key) {
        super(kind + " '" + key + "' already exists");
    }

    public AlreadyExistsException(String kind, String key, Throwable cause) {
        super(kind + " '" + key + "' already exists", cause);
    }
}
