package dev.webhookkit.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.spring.WebhookListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * The admin API over real HTTP in an application with Spring Security on (Boot's default chain:
 * login for everything, CSRF on) and no change to its security: the admin's bearer token is the
 * only credential /admin takes, and a PUT needs no CSRF token.
 */
@SpringBootTest(classes = AdminOverHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "webhookkit.receiver.endpoints.github.scheme=github",
    "webhookkit.receiver.endpoints.github.secrets[0]=admin-test-github-secret",
    "webhookkit.admin.enabled=true",
    "webhookkit.admin.token=" + AdminOverHttpTest.TOKEN,
    "spring.security.user.name=ops",
    "spring.security.user.password=" + AdminOverHttpTest.APP_PASSWORD,
})
class AdminOverHttpTest {
    static final String TOKEN = "admin-token-0123456789abcdef";
    static final String APP_PASSWORD = "app-login-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @SpringBootConfiguration
    // starter-jdbc is on the test classpath for the JDBC test; this app has no database (Boot 3's and Boot 4's name).
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
    static class App {
        @Bean
        GithubListener githubListener() {
            return new GithubListener();
        }
    }

    static class GithubListener {
        @WebhookListener("github")
        HandlerResponse on(WebhookEvent event) {
            return HandlerResponse.empty();
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    WebhookReceiver receiver;

    @Test
    void withoutTheBearerTokenTheAdminAnswers401ItselfAndNotSpringSecurity() throws Exception {
        HttpResponse<String> response = send("GET", "/admin/endpoints", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        // The admin's challenge, not Boot's Basic one: the request reached the API, which refused it.
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"webhookkit-admin\"");
        assertThat(send("GET", "/admin/endpoints", "Bearer not-the-token-0123456789", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theAppsLoginIsNotAnAdminCredential() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + APP_PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(send("GET", "/admin/endpoints", basic, null).statusCode()).isEqualTo(401);
    }

    @Test
    void withTheBearerTokenTheAdminListsTheConfiguredEndpoints() throws Exception {
        HttpResponse<String> response = send("GET", "/admin/endpoints", "Bearer " + TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("items").findValuesAsText("name")).contains("github");
    }

    @Test
    void putWithTheBearerTokenAndNoCsrfTokenChangesTheEndpoint() throws Exception {
        // A replacement that keeps the secrets (a PUT without them does) and switches the endpoint off.
        ObjectNode endpoint = JSON.createObjectNode().put("name", "github").put("scheme", "github").put("enabled", false);

        HttpResponse<String> refused = send("PUT", "/admin/endpoints/github", null, endpoint.toString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(receiver.registry().get("github").map(Endpoint::enabled)).hasValue(true);

        HttpResponse<String> put = send("PUT", "/admin/endpoints/github", "Bearer " + TOKEN, endpoint.toString());
        try {
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(JSON.readTree(put.body()).path("enabled").asBoolean(true)).isFalse();
            assertThat(receiver.registry().get("github").map(Endpoint::enabled)).hasValue(false);
        } finally {
            endpoint.put("enabled", true);
            send("PUT", "/admin/endpoints/github", "Bearer " + TOKEN, endpoint.toString());
        }
    }

    @Test
    void securityStillGuardsEverythingOutsideAdmin() throws Exception {
        HttpResponse<String> response = send("GET", "/administrator", "Bearer " + TOKEN, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
