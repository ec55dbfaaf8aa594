package dev.webhookkit.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static final RouteHandler H = call -> null;

    private final Router router = new Router()
            .add("GET", "/messages/{id}", H)
            .add("POST", "/messages/redeliver", H)
            .add("POST", "/messages/{id}/redeliver", H)
            .add("GET", "/messages", H);

    @Test
    void bindsParametersAndPrefersLiteralSegments() {
        assertThat(router.match("GET", List.of("messages", "m1")).params()).containsEntry("id", "m1");
        assertThat(router.match("POST", List.of("messages", "redeliver")).route().template()).isEqualTo("/messages/redeliver");
        assertThat(router.match("GET", List.of("messages", "redeliver")).route().template()).isEqualTo("/messages/{id}");
        assertThat(router.match("POST", List.of("messages", "m1", "redeliver")).params()).containsEntry("id", "m1");
    }

    @Test
    void unknownPathIs404AndAKnownPathWithAnotherMethodIs405NamingTheAllowedOnes() {
        assertThatThrownBy(() -> router.match("GET", List.of("nothing"))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> router.match("DELETE", List.of("messages", "m1"))).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(405);
            assertThat(e.headers().get("Allow")).isEqualTo("GET");
        });
    }

    @Test
    void aRouteCannotBeDefinedTwice() {
        assertThatThrownBy(() -> router.add("GET", "/messages", H)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathSegmentsAreDecodedOnceAndUnsafeOnesRefused() {
        assertThat(PathSegments.decode("/endpoints/a%20b")).containsExactly("endpoints", "a b");
        assertThat(PathSegments.decode("/endpoints/a+b")).containsExactly("endpoints", "a+b");
        assertThat(PathSegments.decode("/events/%C3%A9")).containsExactly("events", "é");
        for (String bad : List.of("/endpoints/..", "/endpoints/%2e%2E", "/endpoints/a%2Fb", "/endpoints/a%5Cb", "/endpoints//x",
                "/endpoints/a%00", "/endpoints/%zz", "/endpoints/%C3", "/endpoints/%")) {
            assertThatThrownBy(() -> PathSegments.decode(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
