package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Registration;

/** {@link ShutdownHooks#jvm()}. */
final class JvmShutdownHooks implements ShutdownHooks {
    static final JvmShutdownHooks INSTANCE = new JvmShutdownHooks();

    private JvmShutdownHooks() {
    }

    @Override
    public Registration register(Runnable hook) {
        Thread thread = new Thread(hook, "webhook-shutdown");
        Runtime.getRuntime().addShutdownHook(thread);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(thread);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run: nothing left to unregister.
            }
        };
    }

    @Override
    public void stoppedCleanly(int exitCode) {
        System.out.flush();
        System.err.flush();
        // Called from our own hook while the JVM shuts down: exit() would wait for the hooks forever.
        Runtime.getRuntime().halt(exitCode);
    }
}
