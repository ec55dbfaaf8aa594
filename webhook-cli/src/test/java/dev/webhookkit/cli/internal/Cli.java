package dev.webhookkit.cli.internal;

import dev.webhookkit.core.Registration;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs the {@code webhook} command in-process with a given standard input and captured output. */
final class Cli {
    /** The clock every in-process run sees unless a test sets another: 2026-03-05T08:40:00Z. */
    static final Instant NOW = Instant.ofEpochSecond(1_772_700_000L);

    private byte[] stdin = new byte[0];
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private Duration retryUnit = Duration.ZERO;
    private final TestShutdownHooks hooks = new TestShutdownHooks();
    private Map<String, String> variables = Map.of();

    static Cli create() {
        return new Cli();
    }

    Cli stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    Cli stdin(String text) {
        return stdin(text.getBytes(StandardCharsets.UTF_8));
    }

    Cli clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    Cli retryUnit(Duration retryUnit) {
        this.retryUnit = retryUnit;
        return this;
    }

    /** The environment variables the command sees (none unless set here). */
    Cli variables(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
        return this;
    }

    TestShutdownHooks hooks() {
        return hooks;
    }

    /** Runs one command line to its end. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Commands.run(environment(out, err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** An environment writing to these writers (for commands run on another thread). */
    CliEnvironment environment(java.io.Writer out, java.io.Writer err) {
        return CliEnvironment.builder()
                .stdin(new ByteArrayInputStream(stdin), false)
                .out(out)
                .err(err)
                .clock(clock)
                .retryUnit(retryUnit)
                .shutdownHooks(hooks)
                .variables(variables::get)
                .build();
    }

    /**
     * What a run printed and returned.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** Shutdown hooks a test triggers itself, as Ctrl-C would. */
    static final class TestShutdownHooks implements ShutdownHooks {
        private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

        @Override
        public Registration register(Runnable hook) {
            hooks.add(hook);
            return () -> hooks.remove(hook);
        }

        int registered() {
            return hooks.size();
        }

        void runAll() {
            hooks.forEach(Runnable::run);
        }
    }
}
