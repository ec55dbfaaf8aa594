package dev.webhookkit.core;

/** Undoes a registration (of a listener …); closing twice is harmless. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    @Override
    void close();
}
