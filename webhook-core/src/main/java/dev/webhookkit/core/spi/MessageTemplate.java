package dev.webhookkit.core.spi;

import java.util.Map;

/** A compiled message template; thread-safe. A missing variable renders as empty text. */
@FunctionalInterface
public interface MessageTemplate {

    String render(Map<String, Object> context);
}
