package dev.webhookkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.SigningInput;
import dev.webhookkit.verify.Schemes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "GITHUB_WEBHOOK_SECRET=" + GithubWebhookApplicationTest.SECRET)
class GithubWebhookApplicationTest {
    static final String SECRET = "example-github-secret";

    @LocalServerPort
    int port;
    @Autowired
    IssueListener listener;

    @Test
    void signedIssueEventReachesTheListenerAndUnsignedOneIsRefused() throws Exception {
        String body = "{\"action\":\"opened\",\"issue\":{\"title\":\"Example issue\"}}";
        Headers signature = Schemes.github().sign(SigningInput.of("x", Instant.now(), body.getBytes(StandardCharsets.UTF_8), "http://127.0.0.1/"),
                SecretSet.ofValues(SECRET));
        HttpRequest.Builder signed = request(body);
        signature.names().forEach(n -> signed.header(n, signature.first(n).orElseThrow()));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> ok = http.send(signed.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = http.send(request("{\"issue\":{\"title\":\"forged\"}}").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"ok\":true}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(listener.titles()).containsExactly("Example issue");
    }

    private HttpRequest.Builder request(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
