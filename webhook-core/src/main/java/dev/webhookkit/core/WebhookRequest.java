package dev.webhookkit.core;

import dev.webhookkit.core.internal.FormData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One inbound HTTP request as the pipeline sees it, built from any server's request object.
 *
 * <p>The body is kept as the exact bytes that arrived: signatures are computed over them, never
 * over a decoded or re-serialized form. For speed {@link #body()} returns the array itself rather
 * than a copy; callers must not modify it.
 *
 * <p>Immutable and thread-safe (given that nobody writes into the body array).
 */
public final class WebhookRequest {
    private final byte[] body;
    private final long bodyLength;
    private final String method;
    private final String url;
    private final String path;
    private final Map<String, List<String>> queryParameters;
    private final Headers headers;
    private final String remoteAddress;
    private final Instant receivedAt;
    private final boolean stamped;

    private WebhookRequest(Builder b) {
        this.body = b.body;
        if (b.bodyLength >= 0 && b.bodyLength < b.body.length) {
            throw new IllegalArgumentException("bodyLength must be >= the body's " + b.body.length + " bytes but was " + b.bodyLength);
        }
        this.bodyLength = b.bodyLength >= 0 ? b.bodyLength : b.body.length;
        this.method = b.method.toUpperCase(Locale.ROOT);
        this.url = b.url;
        this.path = b.path != null ? b.path : pathOf(b.url);
        this.queryParameters = b.queryParameters != null ? b.queryParameters : queryOf(b.url);
        this.headers = b.headers;
        this.remoteAddress = b.remoteAddress;
        this.receivedAt = b.receivedAt != null ? b.receivedAt : Instant.now();
        this.stamped = b.receivedAt != null;
    }

    private WebhookRequest(WebhookRequest r, Instant receivedAt) {
        this.body = r.body;
        this.bodyLength = r.bodyLength;
        this.method = r.method;
        this.url = r.url;
        this.path = r.path;
        this.queryParameters = r.queryParameters;
        this.headers = r.headers;
        this.remoteAddress = r.remoteAddress;
        this.receivedAt = receivedAt;
        this.stamped = true;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A POST with this body and these headers, stamped by the receiver's clock; handy in tests and receivers. */
    public static WebhookRequest post(byte[] body, Headers headers) {
        return builder().body(body).headers(headers).build();
    }

    /** A builder pre-filled with this request's values. */
    public Builder toBuilder() {
        return builder().body(body).bodyLength(bodyLength).method(method).url(url).path(path).queryParameters(queryParameters)
                .headers(headers).remoteAddress(remoteAddress).receivedAtIfGiven(stamped ? receivedAt : null);
    }

    /** The raw body bytes exactly as received. Not copied: do not modify. */
    public byte[] body() {
        return body;
    }

    /**
     * How many bytes the sender sent: the body's length, or more when the server adapter stopped
     * reading an oversized body early (the declared Content-Length, or the bytes it counted). The
     * pipeline's size guard checks this, so the adapter never has to buffer what it will refuse.
     */
    public long bodyLength() {
        return bodyLength;
    }

    /** The body decoded as UTF-8, for display and logs. Never verify a signature over this. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Upper-case HTTP method, {@code POST} by default. */
    public String method() {
        return method;
    }

    /** The full request URL as the sender addressed it (Twilio signs it), or "" when unknown. */
    public String url() {
        return url;
    }

    /** The request path (without query), or "/" when unknown. */
    public String path() {
        return path;
    }

    public Map<String, List<String>> queryParameters() {
        return queryParameters;
    }

    public Optional<String> queryParameter(String name) {
        List<String> v = queryParameters.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    public Headers headers() {
        return headers;
    }

    /** Shortcut for {@code headers().first(name)}. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The media type of the body, lower-case and without parameters, or "" when absent. */
    public String contentType() {
        String ct = headers.first("content-type").orElse(""); // lower-case: saves lower-casing the name per call
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
    }

    /** Parameters of an {@code application/x-www-form-urlencoded} body; empty for other bodies. */
    public Map<String, List<String>> formParameters() {
        if (!"application/x-www-form-urlencoded".equals(contentType())) {
            return Map.of();
        }
        return FormData.parse(new String(body, StandardCharsets.UTF_8));
    }

    /** The address of the connection's peer (not X-Forwarded-For), or "" when unknown. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * When the request arrived; timestamped signature schemes measure their tolerance from here. A
     * request built without one is stamped by the receiver's clock when it is received (and reads
     * as the instant it was built until then).
     */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** True when the arrival time was given (by the server adapter, a test, the CLI's --now). */
    public boolean hasReceivedAt() {
        return stamped;
    }

    /** This request arrived at {@code receivedAt}: a copy sharing body and headers. */
    public WebhookRequest withReceivedAt(Instant receivedAt) {
        return new WebhookRequest(this, Objects.requireNonNull(receivedAt, "receivedAt"));
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + " " + path + ", " + bodyLength + " bytes, " + headers + "]";
    }

    private static String pathOf(String url) {
        if (url.isEmpty()) {
            return "/";
        }
        try {
            String p = URI.create(url).getRawPath();
            return p == null || p.isEmpty() ? "/" : p;
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    private static Map<String, List<String>> queryOf(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Map.of();
        }
        int hash = url.indexOf('#', q);
        return FormData.parse(hash < 0 ? url.substring(q + 1) : url.substring(q + 1, hash));
    }

    /** Builds a request; not thread-safe. Only the body is required. */
    public static final class Builder {
        private byte[] body = new byte[0];
        private long bodyLength = -1;
        private String method = "POST";
        private String url = "";
        private String path;
        private Map<String, List<String>> queryParameters;
        private Headers headers = Headers.empty();
        private String remoteAddress = "";
        private Instant receivedAt;

        private Builder() {
        }

        /** The raw body; the array is used as given (not copied). */
        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        /**
         * The size the sender sent when the adapter read only part of an oversized body (see
         * {@link WebhookRequest#bodyLength()}); never less than the body given.
         */
        public Builder bodyLength(long bodyLength) {
            this.bodyLength = bodyLength;
            return this;
        }

        /** The body as UTF-8 bytes of a string. */
        public Builder body(String body) {
            return body(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
        }

        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The full URL; path and query parameters are derived from it unless set explicitly. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder queryParameters(Map<String, List<String>> queryParameters) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            Objects.requireNonNull(queryParameters, "queryParameters").forEach((k, v) -> copy.put(k, List.copyOf(v)));
            this.queryParameters = java.util.Collections.unmodifiableMap(copy);
            return this;
        }

        public Builder headers(Headers headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /** Adds one header to those already set. */
        public Builder header(String name, String value) {
            this.headers = headers.toBuilder().add(name, value).build();
            return this;
        }

        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
            return this;
        }

        /** Arrival time; without it, the receiver's clock stamps the request when it is received. */
        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
            return this;
        }

        private Builder receivedAtIfGiven(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public WebhookRequest build() {
            return new WebhookRequest(this);
        }
    }
}
