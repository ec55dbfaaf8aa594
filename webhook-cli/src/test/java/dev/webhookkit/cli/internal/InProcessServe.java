package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code webhook serve} run in this JVM on a thread of its own, on a port the system picks, for tests
 * that talk to it over HTTP. {@link #close()} stops it as SIGTERM would (the shutdown hooks); call it after each test.
 */
final class InProcessServe {
    private static final Pattern READY = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/\\R");

    final Cli cli;
    final ChunkWriter out = new ChunkWriter();
    final ChunkWriter err = new ChunkWriter();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private Future<Integer> exitCode;

    InProcessServe(Map<String, String> variables) {
        cli = Cli.create().clock(Clock.systemUTC()).variables(variables);
    }

    /** Starts {@code serve --port 0 args…} and returns the port its readiness line names. */
    int start(String... args) throws InterruptedException {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0"));
        all.addAll(List.of(args));
        CliEnvironment env = cli.environment(out, err);
        exitCode = thread.submit(() -> Commands.run(env, all.toArray(String[]::new)));
        String first = out.next();
        Matcher m = READY.matcher(first);
        assertThat(m.matches()).as(first + err.drain()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** Runs the shutdown hooks and returns serve's exit code (waiting at most 30 s). */
    int stop() throws Exception {
        cli.hooks().runAll();
        return exitCode.get(30, TimeUnit.SECONDS);
    }

    /** Stops it if it runs (not AutoCloseable: the wait may be interrupted, which try-with-resources would hide). */
    void close() throws Exception {
        cli.hooks().runAll();
        if (exitCode != null) {
            exitCode.get(30, TimeUnit.SECONDS);
        }
        thread.shutdownNow();
    }
}
