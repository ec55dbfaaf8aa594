package dev.webhookkit.outbound;

import dev.webhookkit.core.WebhookException;

/** The dispatcher was closed and takes no more events. */
public class DispatcherClosedException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public DispatcherClosedException(String message) {
        super(message);
    }
}
