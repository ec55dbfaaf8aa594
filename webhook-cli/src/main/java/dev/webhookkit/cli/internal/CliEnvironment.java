package dev.webhookkit.cli.internal;

import dev.webhookkit.core.ConfigurationException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the commands touch outside themselves: standard input and output, the clock, the process's
 * shutdown hooks, environment variables and the unit of {@code send}'s retry delays. The real one is
 * {@link #system()}; tests build their own, so every command runs in-process with captured output.
 *
 * <p>Immutable; the writers are thread-safe ({@link PrintWriter} locks per call) and flush on
 * every line, so {@code listen} and {@code send} show each line as it happens.
 */
public final class CliEnvironment {
    /** {@code send}'s delays are 0, 1, 2, 4 … of this unit, capped at {@link #MAX_RETRY_DELAY_UNITS}. */
    public static final Duration DEFAULT_RETRY_UNIT = Duration.ofSeconds(1);
    /** The longest delay between two of {@code send}'s attempts, in retry units. */
    public static final int MAX_RETRY_DELAY_UNITS = 8;

    private final InputStream stdin;
    private final boolean stdinInteractive;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final ShutdownHooks shutdownHooks;
    private final Duration retryUnit;
    private final UnaryOperator<String> variables;

    private CliEnvironment(Builder b) {
        this.stdin = b.stdin;
        this.stdinInteractive = b.stdinInteractive;
        this.out = b.out;
        this.err = b.err;
        this.clock = b.clock;
        this.shutdownHooks = b.shutdownHooks;
        this.retryUnit = b.retryUnit;
        this.variables = b.variables;
    }

    /** The process's own streams, the system clock and JVM shutdown hooks. */
    public static CliEnvironment system() {
        return builder()
                .stdin(System.in, System.console() != null)
                .out(System.out)
                .err(System.err)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public InputStream stdin() {
        return stdin;
    }

    /** True when standard input is a terminal: reading it would wait for the user to type. */
    public boolean stdinInteractive() {
        return stdinInteractive;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    public ShutdownHooks shutdownHooks() {
        return shutdownHooks;
    }

    public Duration retryUnit() {
        return retryUnit;
    }

    /** An environment variable ({@code listen --secret-env}); empty when unset. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.apply(Objects.requireNonNull(name, "name")));
    }

    /** Collects an environment; defaults are the system's. Not thread-safe. */
    public static final class Builder {
        private InputStream stdin = InputStream.nullInputStream();
        private boolean stdinInteractive;
        private PrintWriter out = writer(OutputStream.nullOutputStream());
        private PrintWriter err = writer(OutputStream.nullOutputStream());
        private Clock clock = Clock.systemUTC();
        private ShutdownHooks shutdownHooks = ShutdownHooks.jvm();
        private Duration retryUnit = DEFAULT_RETRY_UNIT;
        private UnaryOperator<String> variables = System::getenv;

        private Builder() {
        }

        public Builder stdin(InputStream stdin, boolean interactive) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            this.stdinInteractive = interactive;
            return this;
        }

        public Builder out(OutputStream out) {
            this.out = writer(Objects.requireNonNull(out, "out"));
            return this;
        }

        public Builder out(Writer out) {
            this.out = new PrintWriter(Objects.requireNonNull(out, "out"), true);
            return this;
        }

        public Builder err(OutputStream err) {
            this.err = writer(Objects.requireNonNull(err, "err"));
            return this;
        }

        public Builder err(Writer err) {
            this.err = new PrintWriter(Objects.requireNonNull(err, "err"), true);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder shutdownHooks(ShutdownHooks shutdownHooks) {
            this.shutdownHooks = Objects.requireNonNull(shutdownHooks, "shutdownHooks");
            return this;
        }

        /** Zero makes {@code send} retry at once (tests). */
        public Builder retryUnit(Duration retryUnit) {
            Objects.requireNonNull(retryUnit, "retryUnit");
            if (retryUnit.isNegative()) {
                throw new ConfigurationException("retryUnit must be >= 0 but was " + retryUnit);
            }
            this.retryUnit = retryUnit;
            return this;
        }

        /** Where environment variables are looked up (default: the process's). */
        public Builder variables(UnaryOperator<String> variables) {
            this.variables = Objects.requireNonNull(variables, "variables");
            return this;
        }

        public CliEnvironment build() {
            return new CliEnvironment(this);
        }

        private static PrintWriter writer(OutputStream stream) {
            return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
        }
    }
}
