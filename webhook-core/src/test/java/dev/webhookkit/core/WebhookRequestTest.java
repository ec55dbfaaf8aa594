package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

    @Test
    void derivesPathAndQueryFromUrl() {
        WebhookRequest r = WebhookRequest.builder().url("https://example.com/hooks/github?token=a%20b&x=1&x=2").build();
        assertThat(r.path()).isEqualTo("/hooks/github");
        assertThat(r.queryParameter("token")).contains("a b");
        assertThat(r.queryParameters().get("x")).containsExactly("1", "2");
    }

    @Test
    void keepsBodyBytesExactly() {
        byte[] body = {(byte) 0xff, 0, 10, 13};
        WebhookRequest r = WebhookRequest.post(body, Headers.empty());
        assertThat(r.body()).containsExactly((byte) 0xff, (byte) 0, (byte) 10, (byte) 13);
        assertThat(r.method()).isEqualTo("POST");
    }

    @Test
    void parsesFormBodiesOnlyForFormContentType() {
        byte[] body = "monitorID=7&alertType=1&alertDetails=Connection+timeout".getBytes(StandardCharsets.UTF_8);
        WebhookRequest form = WebhookRequest.post(body, Headers.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"));
        assertThat(form.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form.formParameters().get("alertDetails")).containsExactly("Connection timeout");
        WebhookRequest json = WebhookRequest.post(body, Headers.of("Content-Type", "application/json"));
        assertThat(json.formParameters()).isEmpty();
    }

    @Test
    void toBuilderCopiesEverything() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        WebhookRequest r = WebhookRequest.builder().body("x").method("put").url("http://h/p?q=1").headers(Headers.of("A", "1"))
                .remoteAddress("10.0.0.1").receivedAt(at).build();
        WebhookRequest copy = r.toBuilder().header("B", "2").build();
        assertThat(copy.method()).isEqualTo("PUT");
        assertThat(copy.url()).isEqualTo("http://h/p?q=1");
        assertThat(copy.queryParameters()).containsKey("q");
        assertThat(copy.remoteAddress()).isEqualTo("10.0.0.1");
        assertThat(copy.receivedAt()).isEqualTo(at);
        assertThat(copy.headers().first("a")).contains("1");
        assertThat(copy.headers().first("b")).contains("2");
        assertThat(copy.bodyAsString()).isEqualTo("x");
        assertThat(List.of(r.path(), copy.path())).containsOnly("/p");
    }

    @Test
    void unknownUrlGivesRootPath() {
        assertThat(WebhookRequest.builder().build().path()).isEqualTo("/");
        assertThat(WebhookRequest.builder().url("::not a uri::").build().path()).isEqualTo("/");
    }
}
