package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Registration;

/**
 * Where {@code listen} and {@code serve} register the work that stops them cleanly. The JVM's runs
 * on Ctrl-C and SIGTERM; tests supply one they trigger themselves.
 */
@FunctionalInterface
public interface ShutdownHooks {

    /** Runs {@code hook} when the process is asked to stop; the returned handle unregisters it. */
    Registration register(Runnable hook);

    /**
     * Called by a hook once it has stopped everything cleanly. The JVM's ends the process with
     * {@code exitCode}: a process stopped by SIGTERM otherwise exits 143, which a supervisor
     * (systemd, Kubernetes) reads as an unclean stop. Others do nothing.
     */
    default void stoppedCleanly(int exitCode) {
    }

    /** The JVM's shutdown hooks. */
    static ShutdownHooks jvm() {
        return JvmShutdownHooks.INSTANCE;
    }
}
