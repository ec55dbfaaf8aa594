package dev.webhookkit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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
    void entriesInFrontOfTheTrustedProxysAreTheClientsAndIgnored() {
        // One trusted proxy appended "inner.example"; "outer.example" is whatever the client sent.
        HttpServletRequest request = request("10.1.1.1", null, Map.of("X-Forwarded-Proto", "http, https", "X-Forwarded-Host",
                "outer.example, inner.example"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("https://inner.example/ctx/webhooks/x");
    }

    @Test
    void chainOfTrustedProxiesUsesTheEntryOfTheOneThatTalkedToTheClient() {
        // client 203.0.113.9 -> edge 10.0.0.2 -> inner 10.1.1.1 -> us; the client forged the first entries.
        HttpServletRequest request = request("10.1.1.1", null, Map.of(
                "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.0.0.2",
                "X-Forwarded-Proto", "http, https, http",
                "X-Forwarded-Host", "evil.example, hooks.example.com, inner.internal:8080",
                "X-Forwarded-Port", "80, 443, 8080"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("https://hooks.example.com/ctx/webhooks/x");
        assertThat(ForwardedChain.of(request, PROXY).client()).hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("203.0.113.9"));
    }

    @Test
    void untrustedHopInTheMiddleEndsTheChain() {
        // 10.0.0.2 is trusted but 198.51.100.7 (which claims to have relayed for 10.5.5.5) is not.
        HttpServletRequest request = request("10.1.1.1", null, Map.of(
                "X-Forwarded-For", "10.5.5.5, 198.51.100.7, 10.0.0.2",
                "X-Forwarded-Host", "spoofed.example, relayed.example, real.example, inner.internal"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("http://real.example/ctx/webhooks/x");
        assertThat(ForwardedChain.of(request, PROXY).trustedHops()).isEqualTo(2);
    }

    @Test
    void proxyThatReplacesTheHeaderIsBelievedForItsSingleEntry() {
        HttpServletRequest request = request("10.1.1.1", null, Map.of("X-Forwarded-For", "203.0.113.9, 10.0.0.2",
                "X-Forwarded-Host", "hooks.example.com"));

        assertThat(RequestUrls.fullUrl(request, PROXY)).isEqualTo("http://hooks.example.com/ctx/webhooks/x");
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
                    case "getHeaders" -> headers.containsKey((String) args[0])
                            ? Collections.enumeration(List.of(headers.get((String) args[0]))) : Collections.emptyEnumeration();
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
