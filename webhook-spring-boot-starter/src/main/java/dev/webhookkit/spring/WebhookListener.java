package dev.webhookkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that handles the events of one endpoint configured under
 * {@code webhookkit.receiver.endpoints.<name>}. The method takes one
 * {@link dev.webhookkit.core.WebhookEvent} and returns {@code void} or a
 * {@link dev.webhookkit.core.HandlerResponse} (sent back in sync mode).
 *
 * <p>Several methods may name the same endpoint: they run in the order their beans are created
 * (methods of one bean by method name), and the last non-empty response is the answer; the first
 * that throws fails the event (500 in sync mode, so the sender retries) and the rest do not run. A method with another signature, or one naming an endpoint that is not
 * configured, stops the application from starting. Methods must be thread-safe.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebhookListener {
    /** The endpoint's name, the key under {@code webhookkit.receiver.endpoints}. */
    String value();
}
