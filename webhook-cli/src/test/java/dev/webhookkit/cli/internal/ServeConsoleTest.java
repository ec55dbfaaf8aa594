package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code serve} mounts the web console at /console/, next to the admin API it calls. */
class ServeConsoleTest {
    private static final String TOKEN = "console-serve-token-5d1e9a7c";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final InProcessServe server = new InProcessServe(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN));

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void servesTheConsolePageWithItsPolicyAndNoToken() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.start());

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(base.resolve("/console/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(page.body()).contains("content=\"/admin\"").doesNotContain(TOKEN);
        assertThat(server.out.drain() + server.err.drain()).doesNotContain(TOKEN);
    }
}
