package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.verify.Schemes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code webhook listen} running on a thread of its own, its output, and posting to it over HTTP. */
final class ListenRun {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/ .*", Pattern.DOTALL);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ChunkWriter out = new ChunkWriter();
    final ChunkWriter err = new ChunkWriter();
    private final Cli cli;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private Future<Integer> exitCode;

    ListenRun(Cli cli) {
        this.cli = cli;
    }

    /** Starts {@code listen --port 0 ARGS} and returns the port it announced, once it says it is ready. */
    int start(String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "listen";
        all[1] = "--port";
        all[2] = "0";
        System.arraycopy(args, 0, all, 3, args.length);
        CliEnvironment env = cli.environment(out, err);
        exitCode = thread.submit(() -> Commands.run(env, all));
        String first = out.next();
        Matcher m = LISTENING.matcher(first);
        assertThat(m.matches()).as(first + err.drain()).isTrue();
        String line = first;
        while (!line.startsWith("press Ctrl-C to stop")) {
            line = out.next();
        }
        return Integer.parseInt(m.group(1));
    }

    /** The exit code, once the command ended (within 10 s). */
    int awaitExit() throws Exception {
        return exitCode.get(10, TimeUnit.SECONDS);
    }

    /** Runs the shutdown hooks (Ctrl-C) and waits for the command to end. */
    void close() throws Exception {
        cli.hooks().runAll();
        if (exitCode != null) {
            awaitExit();
        }
        thread.shutdownNow();
    }

    static HttpResponse<String> post(int port, String path, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postSignedGithub(int port, String path, String secret, String json)
            throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String signature = Schemes.github().sign(SigningInput.of("m", Instant.now(), body, ""), SecretSet.ofValues(secret))
                .first("X-Hub-Signature-256").orElseThrow();
        return post(port, path, body, Map.of("X-Hub-Signature-256", signature, "Content-Type", "application/json"));
    }
}
