package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.WebhookReceiver;
import jakarta.servlet.ServletContext;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads init parameters (web.xml {@code <init-param>} or a registration's) with messages that name
 * the parameter and the value, and finds the receiver the host put in a {@link ServletContext} attribute.
 */
public final class InitParameters {
    private final UnaryOperator<String> lookup;
    private final String owner;

    /**
     * @param lookup the config's {@code getInitParameter}
     * @param owner the filter's or servlet's name, for messages
     */
    public InitParameters(UnaryOperator<String> lookup, String owner) {
        this.lookup = lookup;
        this.owner = owner;
    }

    /** The trimmed value, empty when absent or blank. */
    public Optional<String> string(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public int integer(String name, int defaultValue, int min) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(owner + ": init parameter '" + name + "' must be an integer >= " + min
                + " but was '" + value.get() + "'");
    }

    public boolean bool(String name, boolean defaultValue) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(owner + ": init parameter '" + name + "' must be true or false but was '"
                    + value.get() + "'");
        };
    }

    /** The receiver in the context attribute named by init parameter {@code param} (default {@code defaultAttribute}). */
    public WebhookReceiver receiver(ServletContext context, String param, String defaultAttribute) {
        String attribute = string(param).orElse(defaultAttribute);
        Object value = context.getAttribute(attribute);
        if (value == null) {
            throw new ConfigurationException(owner + ": no WebhookReceiver in ServletContext attribute '" + attribute
                    + "' (set it before the container initializes filters and servlets, or name another with init parameter '"
                    + param + "')");
        }
        if (!(value instanceof WebhookReceiver receiver)) {
            throw new ConfigurationException(owner + ": ServletContext attribute '" + attribute + "' holds a "
                    + value.getClass().getName() + ", not a WebhookReceiver");
        }
        return receiver;
    }
}
