package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.Headers;
import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.WebhookRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Optional;

/** Turns a servlet request into the pipeline's {@link WebhookRequest}. */
public final class ServletRequests {
    private ServletRequests() {
    }

    /** The path within the web application, decoded and normalized by the container (what its mappings see). */
    public static String pathInContext(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /** Every header with every value, in arrival order. */
    public static Headers headers(HttpServletRequest request) {
        Headers.Builder headers = Headers.builder();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                headers.add(name, values.nextElement());
            }
        }
        return headers.build();
    }

    /**
     * The request with this body: method, full URL (with query), every header, the connection's
     * peer as remote address (the receiver applies its trusted proxies), and the arrival time.
     */
    public static WebhookRequest toWebhookRequest(HttpServletRequest request, byte[] body, Optional<IpAllowlist> trustedProxies,
                                                  Instant receivedAt) {
        return toWebhookRequest(request, body, ForwardedChain.of(request, trustedProxies), receivedAt);
    }

    /** As {@link #toWebhookRequest(HttpServletRequest, byte[], Optional, Instant)}, with the forwarding chain already read. */
    public static WebhookRequest toWebhookRequest(HttpServletRequest request, byte[] body, ForwardedChain chain, Instant receivedAt) {
        String peer = request.getRemoteAddr();
        return WebhookRequest.builder()
                .body(body)
                .method(request.getMethod())
                .url(RequestUrls.fullUrl(request, chain))
                .headers(headers(request))
                .remoteAddress(peer == null ? "" : peer)
                .receivedAt(receivedAt)
                .build();
    }
}
