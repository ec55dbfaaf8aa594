package dev.webhookkit.core;

/**
 * A shared service the pipeline depends on (Redis, a database) could not be reached. The receiver
 * answers {@link Reason#DEPENDENCY_UNAVAILABLE} (503) so the sender retries later.
 */
public class DependencyUnavailableException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
