package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Registration;

/**
 * Where {@code listen} registers the work that stops it cleanly. The JVM's runs on Ctrl-C and
 * SIGTERM; tests supply one they trigger themselves.
 */
@FunctionalInterface
public interface ShutdownHooks {

    /** Runs {@code hook} when the process is asked to stop; the returned handle unregisters it. */
    Registration register(Runnable hook);

    /** The JVM's shutdown hooks. */
    static ShutdownHooks jvm() {
        return hook -> {
            Thread thread = new Thread(hook, "webhook-shutdown");
            Runtime.getRuntime().addShutdownHook(thread);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(thread);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // The hook is running or has run: nothing left to unregister.
                }
            };
        };
    }
}
