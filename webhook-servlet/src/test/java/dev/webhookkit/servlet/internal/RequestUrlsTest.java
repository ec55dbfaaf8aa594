package dev.webhookkit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestUrlsTest {
    private static final Optional<IpAllowlist> PROXY = Optional.of(IpAllowlist.parse("10.0.0.0/8"));

    @Test
    void urlIsTheContainersWithTheRawQuery() {
        HttpServletRequest request = request("192.0.2.1", "a=1&b=two%20words", Map.of());

        assertThat(RequestUrls.fullUrl(request, Optional.empty())).isEqualTo("http://internal:8080/ctx/webhooks/x?a=1&b=two%20words");
    }

    @Test
    void trustedProxyForwardedProtoAndHostReplaceTheOrigin() {
        HttpServletRequest request = request("10.1.1.1", "a=1", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "hooks.example.com"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("https://hooks.example.com/ctx/webhooks/x?a=1");
    }

    @Test
    void forwardedPortIsKeptUnlessItIsTheSchemesDefault() {
        assertThat(RequestUrls.fullUrl(request("10.1.1.1", null, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "h.example",
                "X-Forwarded-Port", "8443")), PROXY)).isEqualTo("https://h.example:8443/ctx/webhooks/x");
        assertThat(RequestUrls.fullUrl(request("10.1.1.1", null, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "h.example",
                "X-Forwarded-Port", "443")), PROXY)).isEqualTo("https://h.example/ctx/webhooks/x");
    }

    @Test
    void firstEntryOfAProxyChainIsUsed() {
        HttpServletRequest request = request("10.1.1.1", null, Map.of("X-Forwarded-Proto", "https, http", "X-Forwarded-Host",
                "outer.example, inner.example"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("https://outer.example/ctx/webhooks/x");
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        HttpServletRequest request = request("192.0.2.1", null, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("http://internal:8080/ctx/webhooks/x");
    }

    @Test
    void malformedForwardedValuesAreIgnored() {
        HttpServletRequest request = request("10.1.1.1", null, Map.of("X-Forwarded-Proto", "gopher", "X-Forwarded-Host", "evil.example/path@x"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("http://internal:8080/ctx/webhooks/x");
    }

    private static HttpServletRequest request(String peer, String query, Map<String, String> headers) {
        Map<String, Object> getters = new HashMap<>();
        getters.put("getRemoteAddr", peer);
        getters.put("getScheme", "http");
        getters.put("getServerName", "internal");
        getters.put("getServerPort", 8080);
        getters.put("getRequestURI", "/ctx/webhooks/x");
        return (HttpServletRequest) Proxy.newProxyInstance(RequestUrlsTest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getQueryString" -> query;
                    case "getRequestURL" -> new StringBuffer("http://internal:8080/ctx/webhooks/x");
                    default -> {
                        if (!getters.containsKey(method.getName())) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield getters.get(method.getName());
                    }
                });
    }
}
