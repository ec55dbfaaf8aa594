package dev.webhookkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void looksUpNamesIgnoringCase() {
        Headers h = Headers.of("X-Hub-Signature-256", "sha256=abc");
        assertThat(h.first("x-hub-signature-256")).contains("sha256=abc");
        assertThat(h.first("X-HUB-SIGNATURE-256")).contains("sha256=abc");
        assertThat(h.contains("x-hub-SIGNATURE-256")).isTrue();
        assertThat(h.first("X-Other")).isEmpty();
    }

    @Test
    void keepsEveryValueInArrivalOrder() {
        Headers h = Headers.builder().add("Accept", "a").add("accept", "b").build();
        assertThat(h.all("ACCEPT")).containsExactly("a", "b");
        assertThat(h.first("accept")).contains("a");
        assertThat(h.toMap()).containsOnlyKeys("Accept");
    }

    @Test
    void firstOfTriesNamesInOrder() {
        Headers h = Headers.of("svix-id", "msg_2", "webhook-id", "msg_1");
        assertThat(h.firstOf(List.of("webhook-id", "svix-id"))).contains("msg_1");
        assertThat(h.firstOf(List.of("nope", "SVIX-ID"))).contains("msg_2");
    }

    @Test
    void buildsFromServerMapsAndSkipsNullNames() {
        Map<String, List<String>> map = new java.util.HashMap<>();
        map.put(null, List.of("HTTP/1.1 200"));
        map.put("Content-Type", List.of("application/json"));
        Headers h = Headers.of(map);
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.first("content-type")).contains("application/json");
    }

    @Test
    void toStringShowsNamesButNeverValues() {
        Headers h = Headers.of("Authorization", "Bearer top-secret-token");
        assertThat(h.toString()).contains("Authorization").doesNotContain("top-secret-token");
    }

    @Test
    void rejectsOddNameValueList() {
        assertThatThrownBy(() -> Headers.of("a")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
    }

    @Test
    void setReplacesAndRemoveDeletes() {
        Headers h = Headers.of("A", "1", "a", "2").toBuilder().set("A", "3").build();
        assertThat(h.all("a")).containsExactly("3");
        assertThat(h.toBuilder().remove("A").build().contains("a")).isFalse();
    }
}
