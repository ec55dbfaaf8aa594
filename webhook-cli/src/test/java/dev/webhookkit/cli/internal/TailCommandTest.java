package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TailCommandTest {
    private static final String EVENT = "{\"eventId\":\"e1\",\"endpoint\":\"github\",\"status\":200,\"reason\":\"PROCESSED\","
            + "\"eventType\":\"push\",\"alerts\":[{\"title\":\"t\"}],\"receivedAt\":\"2026-01-01T00:00:00Z\"}";
    private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void printsOneLinePerEventSkippingCommentsAndSendsTokenAndEndpoint() throws Exception {
        String url = serve(exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + exchange.getRequestURI());
            write(exchange, 200, ": heartbeat\n\nid: e1\ndata: " + EVENT + "\n\n: dropped 2 events\n\nid: e2\ndata: not json\n\n");
        });

        Cli.Result r = Cli.create().variables(Map.of("TOK", "t0ken-secret")).run("tail", url + "events", "--token-env", "TOK",
                "--endpoint", "github", "--endpoint", "a b");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).containsExactly("2026-01-01T00:00:00Z github 200 PROCESSED push (1 alerts) e1", "e2 not json");
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("Bearer t0ken-secret /events?endpoint=github&endpoint=a+b");
        assertThat(r.out() + r.err()).doesNotContain("t0ken-secret");
    }

    @Test
    void jsonPrintsEachEventsJsonOnOneLine() throws Exception {
        String url = serve(exchange -> write(exchange, 200, "id: e1\r\ndata: " + EVENT + "\r\n\r\n"));

        Cli.Result r = Cli.create().run("tail", url, "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).containsExactly(EVENT);
    }

    @Test
    void refusedTokenExitsOneWithAHint() throws Exception {
        String url = serve(exchange -> write(exchange, 401, ""));

        Cli.Result r = Cli.create().run("tail", url);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.err()).contains("answered 401 (check --token-env)");
    }

    @Test
    void anEndlessLineStopsTheTailWithBoundedMemory() throws Exception {
        AtomicLong sent = new AtomicLong();
        String url = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            try (OutputStream os = exchange.getResponseBody()) {
                os.write("data: ".getBytes(StandardCharsets.US_ASCII));
                // Up to 64 MiB without a line break: the tail must give up long before.
                for (int i = 0; i < 1024; i++) {
                    os.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException closedByTheTail) {
                // expected
            }
        });

        Cli.Result r = Cli.create().run("tail", url);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.err()).contains("longer than " + TailCommand.MAX_LINE_BYTES + " bytes");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anEventIsCappedInBytesNotCharacters() throws Exception {
        // 300,000 three-byte characters per line: three lines stay under the cap in chars and are over it in bytes.
        String line = "data: " + "\u20ac".repeat(300_000) + "\n";
        String url = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream os = exchange.getResponseBody()) {
                for (int i = 0; i < 3; i++) {
                    os.write(line.getBytes(StandardCharsets.UTF_8));
                }
                os.write("\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedByTheTail) {
                // expected
            }
        });

        Cli.Result r = Cli.create().run("tail", url);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(r.err()).contains("an event longer than " + TailCommand.MAX_LINE_BYTES + " bytes");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreachableServerAndBadOptions() throws Exception {
        String url = serve(exchange -> write(exchange, 200, ""));
        server.stop(0);
        server = null;

        assertThat(Cli.create().run("tail", url).exitCode()).isEqualTo(ExitCodes.NEGATIVE);
        assertThat(Cli.create().run("tail", "ftp://x/").exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Result missing = Cli.create().run("tail", "http://127.0.0.1:9/", "--token-env", "NOPE");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("'NOPE' is not set");
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private String serve(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static void write(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }
}
