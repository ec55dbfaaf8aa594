package dev.webhookkit.servlet;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.PathResult;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.servlet.internal.FilterEngine;
import dev.webhookkit.servlet.internal.FilterSettings;
import dev.webhookkit.servlet.internal.InitParameters;
import dev.webhookkit.servlet.internal.ResultResponses;
import dev.webhookkit.servlet.internal.Route;
import dev.webhookkit.servlet.internal.ServletRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet filter that receives webhooks for a {@link WebhookReceiver}: requests under
 * its prefix ({@code /webhooks} by default) are verified and handled by the receiver and answered
 * here; every other request passes through untouched.
 *
 * <h2>Routing</h2>
 * {@code <prefix>/<name>} goes to the endpoint called {@code name}. When no endpoint has that name,
 * the path — within the web application, without the context path, e.g. {@code /webhooks/team-a} —
 * goes to every endpoint whose {@link Endpoint#path()} it is ({@link WebhookReceiver#receivePath});
 * that is also how paths with more segments are reached. Anything else under the prefix is answered
 * 404 UNKNOWN_ENDPOINT: the prefix belongs to the filter.
 *
 * <h2>Body</h2>
 * A client that the IP allowlist of the endpoint (of every endpoint, for a shared path) does not
 * admit is answered 403 IP_NOT_ALLOWED before a byte of the body is read; the client address is
 * resolved with the filter's {@link Builder#trustedProxies trusted proxies}. Otherwise the filter
 * reads the raw body itself and never holds more than the endpoint's
 * {@link Endpoint#maxBodyBytes()} (for several endpoints on one path, the largest; for unknown
 * endpoints {@link Builder#unknownEndpointMaxBodyBytes}): a larger {@code Content-Length} is refused
 * with 413 before a byte is read, a chunked body is read to one byte past the limit and refused
 * there, and the connection is closed rather than drained.
 *
 * <h2>Answer</h2>
 * The result's status, {@code Retry-After} when rate limited, the event id in
 * {@code X-Webhookkit-Event-Id}, and as body the synchronous handler's or handshake's response, or
 * else {@code {"status":…,"reason":"…","eventId":"…"}}. Failures are answered 500 with that JSON
 * and logged, never with a stack trace. The result is also left in the request attribute
 * {@link #RESULT_ATTRIBUTE} (see {@link #result(ServletRequest)}).
 *
 * <h2>Continuing the chain</h2>
 * With {@link Builder#continueChain(boolean) continueChain}, a PROCESSED or ACCEPTED request is not
 * answered by the filter but passed down the chain as a {@link CachedBodyRequest}, so the host's
 * own servlet can read the verified body again and write the answer. Rejections, duplicates,
 * filtered events and handshakes are still answered here.
 *
 * <h2>Configuration</h2>
 * In code with {@link #builder(WebhookReceiver)}; or, when the container instantiates the filter
 * (web.xml), through init parameters: {@value #PARAM_PREFIX}, {@value #PARAM_RECEIVER_ATTRIBUTE}
 * (the {@code ServletContext} attribute holding the receiver, default {@value #DEFAULT_RECEIVER_ATTRIBUTE}),
 * {@value #PARAM_TRUSTED_PROXIES}, {@value #PARAM_UNKNOWN_ENDPOINT_MAX_BODY_BYTES} and
 * {@value #PARAM_CONTINUE_CHAIN}. A filter built in code ignores init parameters.
 *
 * <p>Thread-safe. The receiver belongs to the host: {@link #destroy()} does not close it.
 */
public final class WebhookFilter implements Filter {
    /** Default path prefix. */
    public static final String DEFAULT_PREFIX = "/webhooks";
    /** Default {@code ServletContext} attribute holding the receiver: the receiver class's name. */
    public static final String DEFAULT_RECEIVER_ATTRIBUTE = "dev.webhookkit.core.WebhookReceiver";
    /** Default body limit for paths that name no endpoint: 64 KiB, enough for the 404 to be recorded with its body. */
    public static final int DEFAULT_UNKNOWN_ENDPOINT_MAX_BODY_BYTES = 64 * 1024;
    /** Request attribute holding the {@link ReceiveResult} the filter answered with (or passed on). */
    public static final String RESULT_ATTRIBUTE = "dev.webhookkit.servlet.ReceiveResult";
    /** Request attribute holding the {@link PathResult} when the request was received by path. */
    public static final String PATH_RESULT_ATTRIBUTE = "dev.webhookkit.servlet.PathResult";

    /** Init parameter: the path prefix, e.g. {@code /webhooks} or {@code /webhooks/*}. */
    public static final String PARAM_PREFIX = "prefix";
    /** Init parameter: name of the {@code ServletContext} attribute that holds the {@link WebhookReceiver}. */
    public static final String PARAM_RECEIVER_ATTRIBUTE = "receiverAttribute";
    /** Init parameter: comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For/Proto/Host/Port are believed. */
    public static final String PARAM_TRUSTED_PROXIES = "trustedProxies";
    /** Init parameter: body limit in bytes for paths that name no endpoint. */
    public static final String PARAM_UNKNOWN_ENDPOINT_MAX_BODY_BYTES = "unknownEndpointMaxBodyBytes";
    /** Init parameter: {@code true} to pass PROCESSED and ACCEPTED requests down the chain. */
    public static final String PARAM_CONTINUE_CHAIN = "continueChain";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookFilter.class);

    private volatile FilterEngine engine;

    /** For containers that instantiate the filter (web.xml): it is configured from init parameters in {@link #init}. */
    public WebhookFilter() {
    }

    private WebhookFilter(FilterSettings settings) {
        this.engine = new FilterEngine(settings);
    }

    /** Configures a filter in code for this receiver. */
    public static Builder builder(WebhookReceiver receiver) {
        return new Builder(receiver);
    }

    /** The result the filter put on this request, if it handled it. */
    public static Optional<ReceiveResult> result(ServletRequest request) {
        return request.getAttribute(RESULT_ATTRIBUTE) instanceof ReceiveResult r ? Optional.of(r) : Optional.empty();
    }

    /** The per-endpoint results, if the filter received this request by path. */
    public static Optional<PathResult> pathResult(ServletRequest request) {
        return request.getAttribute(PATH_RESULT_ATTRIBUTE) instanceof PathResult r ? Optional.of(r) : Optional.empty();
    }

    /** The prefix requests must lie under ("" for every path). */
    public String prefix() {
        return settings().prefix();
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        if (engine != null) {
            return;
        }
        try {
            InitParameters params = new InitParameters(config::getInitParameter, "WebhookFilter '" + config.getFilterName() + "'");
            WebhookReceiver receiver = params.receiver(config.getServletContext(), PARAM_RECEIVER_ATTRIBUTE, DEFAULT_RECEIVER_ATTRIBUTE);
            Builder builder = builder(receiver)
                    .unknownEndpointMaxBodyBytes(params.integer(PARAM_UNKNOWN_ENDPOINT_MAX_BODY_BYTES,
                            DEFAULT_UNKNOWN_ENDPOINT_MAX_BODY_BYTES, 1))
                    .continueChain(params.bool(PARAM_CONTINUE_CHAIN, false));
            params.string(PARAM_PREFIX).ifPresent(builder::prefix);
            params.string(PARAM_TRUSTED_PROXIES).ifPresent(builder::trustedProxies);
            engine = new FilterEngine(builder.settings());
            LOG.info("WebhookFilter '{}' receives webhooks under '{}'", config.getFilterName(), engine.settings().prefix());
        } catch (ConfigurationException e) {
            throw new ServletException(e.getMessage(), e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        FilterEngine current = engine();
        String path = ServletRequests.pathInContext(httpRequest);
        if (!Route.isUnder(path, current.settings().prefix())) {
            chain.doFilter(request, response);
            return;
        }
        FilterEngine.Outcome outcome = current.receive(httpRequest, path);
        ReceiveResult result = outcome.result();
        httpRequest.setAttribute(RESULT_ATTRIBUTE, result);
        outcome.pathResult().ifPresent(p -> httpRequest.setAttribute(PATH_RESULT_ATTRIBUTE, p));
        if (current.settings().continueChain() && outcome.body().isPresent()
                && (result.reason() == Reason.PROCESSED || result.reason() == Reason.ACCEPTED)) {
            chain.doFilter(new CachedBodyRequest(httpRequest, outcome.body().get()), response);
            return;
        }
        if (httpResponse.isCommitted()) {
            return;
        }
        try {
            ResultResponses.write(httpResponse, result, outcome.bodyLeftUnread());
        } catch (IOException e) {
            // The sender went away before reading its answer; the result is recorded already.
            LOG.debug("webhook {} {}: could not write the answer: {}", httpRequest.getMethod(),
                    Route.loggable(path, current.settings().prefix()), e.toString());
        }
    }

    @Override
    public void destroy() {
        // The receiver belongs to the host application.
    }

    @Override
    public String toString() {
        FilterEngine current = engine;
        return current == null ? "WebhookFilter[not initialized]" : "WebhookFilter[" + current.settings().prefix() + "]";
    }

    private FilterSettings settings() {
        return engine().settings();
    }

    private FilterEngine engine() {
        FilterEngine current = engine;
        if (current == null) {
            throw new IllegalStateException("WebhookFilter is not initialized: the container has not called init(FilterConfig)");
        }
        return current;
    }

    /** Configures a {@link WebhookFilter}; not thread-safe. */
    public static final class Builder {
        private final WebhookReceiver receiver;
        private String prefix = DEFAULT_PREFIX;
        private Clock clock = Clock.systemUTC();
        private IpAllowlist trustedProxies;
        private boolean trustedProxiesSet;
        private int unknownEndpointMaxBodyBytes = DEFAULT_UNKNOWN_ENDPOINT_MAX_BODY_BYTES;
        private boolean continueChain;

        private Builder(WebhookReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
        }

        /**
         * The path prefix within the web application, e.g. {@code /webhooks} (a trailing {@code /*} or
         * {@code /} is ignored; {@code /} alone takes every path). Default {@value #DEFAULT_PREFIX}.
         */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The clock that stamps each request's {@code receivedAt} (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reverse proxies (addresses or CIDR ranges, comma-separated) the filter believes. Their
         * {@code X-Forwarded-For} names the client, read from the right up to the first address that
         * is not a trusted proxy: a client that no IP allowlist of the endpoint(s) admits is answered
         * 403 IP_NOT_ALLOWED before the filter reads a byte of its body. Their
         * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port} rebuild the
         * URL the sender signed, taking the entry written by the same outermost trusted proxy (each
         * trusted proxy is expected to append one entry, or to replace the header); entries a client
         * put in front are ignored. Give the receiver the same list
         * ({@link WebhookReceiver.Builder#trustedProxies}): the receiver checks allowlists again with
         * its own list, and a filter that trusts fewer proxies refuses clients behind the others.
         * Default: the receiver's ({@link WebhookReceiver#trustedProxies()}); an empty list trusts
         * none, and then the client is the connection's peer and the URL is the container's
         * {@code getRequestURL()}.
         */
        public Builder trustedProxies(String commaSeparated) {
            return trustedProxies(IpAllowlist.parse(Objects.requireNonNull(commaSeparated, "trustedProxies")));
        }

        /** See {@link #trustedProxies(String)}; an empty list trusts no proxy. */
        public Builder trustedProxies(List<String> entries) {
            return trustedProxies(IpAllowlist.of(entries));
        }

        private Builder trustedProxies(IpAllowlist list) {
            // An empty allowlist means "allow all"; here it means "trust nobody".
            this.trustedProxies = list.isAllowAll() ? null : list;
            this.trustedProxiesSet = true;
            return this;
        }

        /** Body limit for paths that name no endpoint (default {@value #DEFAULT_UNKNOWN_ENDPOINT_MAX_BODY_BYTES}). */
        public Builder unknownEndpointMaxBodyBytes(int maxBytes) {
            this.unknownEndpointMaxBodyBytes = maxBytes;
            return this;
        }

        /**
         * Pass PROCESSED and ACCEPTED requests down the chain as a {@link CachedBodyRequest} instead
         * of answering them (default false).
         */
        public Builder continueChain(boolean continueChain) {
            this.continueChain = continueChain;
            return this;
        }

        /** @throws ConfigurationException naming the setting when one is invalid */
        public WebhookFilter build() {
            return new WebhookFilter(settings());
        }

        FilterSettings settings() {
            if (unknownEndpointMaxBodyBytes <= 0) {
                throw new ConfigurationException("unknownEndpointMaxBodyBytes must be > 0 but was " + unknownEndpointMaxBodyBytes);
            }
            Optional<IpAllowlist> proxies = trustedProxiesSet ? Optional.ofNullable(trustedProxies) : receiver.trustedProxies().proxies();
            return new FilterSettings(receiver, normalizePrefix(prefix), clock, proxies,
                    unknownEndpointMaxBodyBytes, continueChain);
        }

        private static String normalizePrefix(String prefix) {
            String p = prefix.trim();
            if (p.endsWith("/*")) {
                p = p.substring(0, p.length() - 2);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.isEmpty() && (!p.startsWith("/") || p.contains("*") || p.contains("//"))) {
                throw new ConfigurationException("prefix must be a path like /webhooks but was '" + prefix + "'");
            }
            if (p.isEmpty() && !prefix.trim().startsWith("/")) {
                throw new ConfigurationException("prefix must be a path like /webhooks but was '" + prefix + "'");
            }
            return p;
        }
    }
}
