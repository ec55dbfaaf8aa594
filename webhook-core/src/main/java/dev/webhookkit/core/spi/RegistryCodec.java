package dev.webhookkit.core.spi;

/**
 * Turns registry entries into stored text and back, for registries kept outside the JVM (the
 * JDBC registries of webhook-jdbc). The admin module's JSON codecs implement it with the same
 * field names as its API. {@link #decode} of {@link #encode}'s answer gives an equal entry.
 *
 * @param <T> the entry
 */
public interface RegistryCodec<T> {

    /** The entry's key (an endpoint's name, a subscription's id). */
    String key(T entry);

    /**
     * The stored form. @throws dev.webhookkit.core.ConfigurationException when the entry holds
     * something that cannot be stored (a handler or verifier written in code)
     */
    String encode(T entry);

    /** The entry again. @throws dev.webhookkit.core.ConfigurationException when the text is not a valid entry */
    T decode(String stored);
}
