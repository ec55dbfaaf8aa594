package dev.webhookkit.cli.internal;

/** The exit codes every command keeps to. */
public final class ExitCodes {
    /** Success: valid, signed, mapped, delivered, stopped cleanly. */
    public static final int OK = 0;
    /** A negative answer: invalid signature, undeliverable, unparseable payload. */
    public static final int NEGATIVE = 1;
    /** A usage error: a bad or missing option, an unknown scheme or provider id. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
