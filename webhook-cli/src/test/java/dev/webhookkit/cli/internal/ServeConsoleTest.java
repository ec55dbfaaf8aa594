package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code serve} mounts the web console at /console/, next to the admin API it calls. */
class ServeConsoleTest {
    private static final String TOKEN = "console-serve-token-5d1e9a7c";
    private static final Pattern READY = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/\\R");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Cli cli = Cli.create().clock(Clock.systemUTC()).variables(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN));
    private final ChunkWriter out = new ChunkWriter();
    private final ChunkWriter err = new ChunkWriter();
    private Future<Integer> exitCode;

    @AfterEach
    void stop() throws Exception {
        cli.hooks().runAll();
        if (exitCode != null) {
            exitCode.get(30, TimeUnit.SECONDS);
        }
        thread.shutdownNow();
    }

    @Test
    void servesTheConsolePageWithItsPolicyAndNoToken() throws Exception {
        CliEnvironment env = cli.environment(out, err);
        exitCode = thread.submit(() -> Commands.run(env, new String[] {"serve", "--port", "0"}));
        String first = out.next();
        Matcher m = READY.matcher(first);
        assertThat(m.matches()).as(first + err.drain()).isTrue();
        URI base = URI.create("http://127.0.0.1:" + m.group(1));

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(base.resolve("/console/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(page.body()).contains("content=\"/admin\"").doesNotContain(TOKEN);
        assertThat(out.drain() + err.drain()).doesNotContain(TOKEN);
    }
}
