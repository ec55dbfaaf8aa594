package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/** {@code serve} in memory, run in-process: what it serves, who it lets in, how it stops. */
class ServeGatewayTest {
    static final String TOKEN = "gateway-test-token-81c3e0f2a4";
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

    private int serve(String... args) throws InterruptedException {
        String[] all = new String[args.length + 3];
        all[0] = "serve";
        all[1] = "--port";
        all[2] = "0";
        System.arraycopy(args, 0, all, 3, args.length);
        CliEnvironment env = cli.environment(out, err);
        exitCode = thread.submit(() -> Commands.run(env, all));
        String first = out.next();
        Matcher m = READY.matcher(first);
        assertThat(m.matches()).as(first + err.drain()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void printsOneReadinessLineWithTheRealPortAndStopsWithExitZero() throws Exception {
        int port = serve();

        assertThat(port).isPositive();
        cli.hooks().runAll();

        assertThat(exitCode.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(out.drain()).isEmpty(); // nothing on standard output but the readiness line
        assertThat(err.drain()).contains("stopped");
    }

    @Test
    void answersAnUnknownEndpointUnderWebhooksWith404() throws Exception {
        int port = serve();

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("UNKNOWN_ENDPOINT");
    }

    @Test
    void theEventStreamNeedsTheAdminToken() throws Exception {
        int port = serve();
        URI stream = URI.create("http://127.0.0.1:" + port + Gateway.STREAM_PATH);

        assertThat(status(HttpRequest.newBuilder(stream))).isEqualTo(401);
        assertThat(status(HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + TOKEN + "x"))).isEqualTo(401);
        assertThat(status(HttpRequest.newBuilder(stream).header("Authorization", "Basic " + TOKEN))).isEqualTo(401);

        HttpResponse<InputStream> open = HTTP.send(HttpRequest.newBuilder(stream).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        } finally {
            open.body().close();
        }
    }

    @Test
    void anOpenEventStreamDoesNotHoldUpTheStop() throws Exception {
        int port = serve();
        HttpResponse<InputStream> open = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + Gateway.STREAM_PATH))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(open.statusCode()).isEqualTo(200);

        long started = System.nanoTime();
        cli.hooks().runAll();

        assertThat(exitCode.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Gateway.HTTP_DRAIN);
        try (InputStream body = open.body()) {
            // The stream was ended by the server: reading reaches its end instead of blocking.
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        }
    }

    private static int status(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
