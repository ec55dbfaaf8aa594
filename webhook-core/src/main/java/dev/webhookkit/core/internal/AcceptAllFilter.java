package dev.webhookkit.core.internal;

import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.EventFilter;

/** {@link EventFilter#all()}: one instance, so "has no filter" is a reliable comparison rather than a lambda's identity. */
public enum AcceptAllFilter implements EventFilter {
    INSTANCE;

    @Override
    public boolean accepts(WebhookEvent event) {
        return true;
    }

    @Override
    public String toString() {
        return "all";
    }
}
