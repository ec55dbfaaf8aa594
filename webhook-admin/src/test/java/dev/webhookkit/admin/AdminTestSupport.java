package dev.webhookkit.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The harness of the admin contract suites: a receiver with an in-memory registry and event log, an
 * admin API with three bearer tokens ({@link #ALL}, {@link #ACME}, {@link #GLOBEX}) on one
 * {@link MutableClock}, served by {@link #newServer()} on 127.0.0.1, and a client for it. Suites
 * extend this (inbound: {@link AdminContractTest}); one subclass per server runs each suite.
 * Override {@link #configure} to add parts (a dispatcher) to the API.
 */
abstract class AdminTestSupport {
    static final String ALL = "all-tenants-token-0123456789";
    static final String ACME = "acme-tenant-token-0123456789";
    static final String GLOBEX = "globex-tenant-token-0123456789";

    protected final MutableClock clock = MutableClock.at("2026-12-03T12:00:00Z");
    protected EndpointRegistry registry;
    protected EventLog eventLog;
    protected WebhookReceiver receiver;
    protected AdminApi api;
    protected AdminServer server;
    protected AdminClient http;

    /** The server under test; a new one for every test. */
    protected abstract AdminServer newServer();

    /** Adds to the API before it is built; the default adds nothing. */
    protected AdminApi.Builder configure(AdminApi.Builder builder) {
        return builder;
    }

    /** The receiver's event log; the default is the in-memory ring of 1,000. */
    protected EventLog newEventLog() {
        return EventLog.inMemory();
    }

    @BeforeEach
    void startServer() throws Exception {
        registry = EndpointRegistry.inMemory();
        eventLog = newEventLog();
        receiver = WebhookReceiver.builder().registry(registry).eventLog(eventLog).clock(clock).build();
        api = configure(AdminApi.builder().receiver(receiver).clock(clock)
                .authorizer(BearerTokenAuthorizer.builder().allTenantsToken(ALL).tenantToken("acme", ACME).tenantToken("globex", GLOBEX).build()))
                .build();
        server = newServer();
        URI base = server.start(api, receiver);
        http = new AdminClient(base);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** Creates an endpoint over the API and checks it was created. */
    protected AdminClient.Reply createEndpoint(String token, String json) {
        AdminClient.Reply r = http.post("/admin/endpoints", token, json);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    /** Posts a webhook signed the hmac-sha256 way ({@code X-Webhook-Signature: sha256=<hex>}) to the receiver. */
    protected AdminClient.Reply postSigned(String endpoint, String secret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return http.sendWithHeaders("POST", "/webhooks/" + endpoint, bytes,
                "Content-Type", "application/json", "X-Webhook-Signature", "sha256=" + hmacHex(secret, bytes));
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An error answer has exactly the shape {"error":{"code","message"}} and no stack trace. */
    static void assertError(AdminClient.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.json().size()).as(r.body()).isEqualTo(1);
        assertThat(r.json().path("error").path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.json().path("error").path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }
}
