package dev.webhookkit.core.spi;

import dev.webhookkit.core.internal.SimpleTemplateRenderer;

/**
 * Compiles an endpoint's message template once, when the endpoint is built, so a broken template
 * is a {@link dev.webhookkit.core.ConfigurationException} at configuration time rather than a
 * failure on the first event. Thread-safe. The Mustache renderer ships in webhook-mapping.
 */
@FunctionalInterface
public interface TemplateRenderer {

    /** @throws dev.webhookkit.core.ConfigurationException when the template is broken */
    MessageTemplate compile(String template);

    /**
     * The built-in renderer: replaces {@code {{a.b.c}}} with the value at that dotted path of the
     * context (maps, lists by index, JSON nodes); no sections, no escaping.
     */
    static TemplateRenderer simple() {
        return SimpleTemplateRenderer.INSTANCE;
    }
}
