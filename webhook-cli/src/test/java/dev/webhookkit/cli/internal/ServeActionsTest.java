package dev.webhookkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webhookkit.actions.ForwardHops;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.verify.WebhookVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} runs the actions configured on its endpoints: forward and notify arrive at a receiver on 127.0.0.1. */
class ServeActionsTest {
    private static final String TOKEN = "serve-actions-token-7c1e90b2d4";
    private static final String FORWARD_SECRET = "serve-forward-secret-58Kq";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<AutoCloseable> closeables = new ArrayList<>();
    @TempDir
    Path dir;

    private final InProcessServe server = new InProcessServe(Map.of());

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private TestReceiver receiver() throws Exception {
        TestReceiver r = TestReceiver.answering(200);
        closeables.add(r);
        return r;
    }

    private int serve(Map<String, String> variables, String... args) throws InterruptedException {
        server.cli.variables(variables);
        return server.start(args);
    }

    @Test
    void aForwardAndASlackNotifyConfiguredInTheFileArriveAtTheReceiver() throws Exception {
        TestReceiver target = receiver();
        Path config = Files.writeString(dir.resolve("webhooks.yaml"), """
                endpoints:
                  - name: alerts
                    scheme: none
                    provider: generic
                    actions:
                      - type: forward
                        urls: ["%sforwarded"]
                        secret: {env: FORWARD_SECRET}
                        copyHeaders: [X-Request-Id]
                      - type: notify
                        format: slack
                        url: "%sslack"
                        template: "disk full on {{alert.service}}"
                """.formatted(target.url(), target.url()));
        int port = serve(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN, "FORWARD_SECRET", FORWARD_SECRET),
                "--config", config.toString(), "--allow-private");
        byte[] body = "{\"title\":\"Disk full\",\"severity\":\"critical\",\"service\":\"db-1\" }".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/alerts"))
                .header("Content-Type", "application/json").header("X-Request-Id", "req-9").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        Map<String, WebhookRequest> byPath = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            WebhookRequest got = target.next();
            byPath.put(URI.create(got.url()).getPath(), got);
        }
        WebhookRequest forwarded = byPath.get("/forwarded");
        assertThat(forwarded.body()).isEqualTo(body);
        assertThat(forwarded.headers().first("X-Request-Id")).contains("req-9");
        assertThat(forwarded.headers().first(ForwardHops.HEADER)).contains("1");
        assertThat(WebhookVerifier.verify("hmac-sha256", SecretSet.ofValues(FORWARD_SECRET), forwarded).isValid()).isTrue();
        JsonNode slack = MAPPER.readTree(byPath.get("/slack").body());
        assertThat(slack.get("blocks").toString()).contains("disk full on db-1");
        assertThat(slack.get("attachments").get(0).get("color").asText()).isEqualTo("#D32F2F");

        HttpResponse<String> view = ServeGatewayTest.admin(port, "GET", "/admin/endpoints/alerts", null, TOKEN);
        assertThat(view.body()).contains("\"secretSet\":true").doesNotContain(FORWARD_SECRET, "/slack\"");
    }

    @Test
    void actionUrlsOnPrivateAddressesNeedAllowPrivate() throws Exception {
        Path config = Files.writeString(dir.resolve("webhooks.json"), """
                {"endpoints": [{"name": "a", "scheme": "none",
                  "actions": [{"type": "notify", "format": "json", "url": "http://127.0.0.1:9/x"}]}]}
                """);
        server.cli.variables(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN));

        int code = Commands.run(server.cli.environment(server.out, server.err), new String[] {"serve", "--port", "0", "--config", config.toString()});

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(server.err.drain()).contains("endpoints[0] 'a': actions[0].url", "loopback", "--allow-private lets endpoints' actions target it");
    }

    @Test
    void actionsCreatedOverTheAdminApiRunAndAForwardLoopThroughTheGatewayEnds() throws Exception {
        TestReceiver target = receiver();
        int port = serve(Map.of("WEBHOOK_ADMIN_TOKEN", TOKEN), "--allow-private");
        String self = "http://127.0.0.1:" + port + "/webhooks/loop";
        // dedupByBodyHash off: each hop re-sends the same body, which would otherwise be a DUPLICATE at the second
        // hop (ending the loop too); this test is about the hop count.
        String endpoint = """
                {"name": "loop", "scheme": "none", "dedupByBodyHash": false,
                 "actions": [{"type": "forward", "name": "again", "urls": ["%s", "%sseen"], "unsigned": true}]}
                """.formatted(self, target.url());
        HttpResponse<String> created = ServeGatewayTest.admin(port, "POST", "/admin/endpoints", endpoint, TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HTTP.send(HttpRequest.newBuilder(URI.create(self)).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ping\"}")).build(), HttpResponse.BodyHandlers.discarding());

        // Hops 0 to 3 forward (to itself and to the receiver); hop 4 would pass the limit of 5 and is not forwarded.
        List<String> hops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hops.add(target.next().headers().first(ForwardHops.HEADER).orElse("?"));
        }
        assertThat(hops).containsExactlyInAnyOrder("1", "2", "3", "4");
        Thread.sleep(1_500); // a loop that did not end would have delivered again by now (the dispatcher polls every few ms)
        assertThat(target.requestCount()).isEqualTo(4);
    }
}
