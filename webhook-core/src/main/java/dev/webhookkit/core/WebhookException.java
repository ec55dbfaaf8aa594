package dev.webhookkit.core;

/**
 * Root of every exception webhookkit throws. Expected rejections of requests (bad signature,
 * duplicates …) are never exceptions: they are {@link Reason}s on a {@link ReceiveResult}.
 */
public class WebhookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebhookException(String message) {
        super(message);
    }

    public WebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
