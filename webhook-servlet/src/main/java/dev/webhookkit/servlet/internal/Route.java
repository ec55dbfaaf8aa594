package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.IntegrationRouting;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a request under the filter's prefix goes. {@code /prefix/{name}} goes to the endpoint of
 * that name, and {@code /prefix/{name}/{token}} to the endpoint of that name whose URL token it is
 * (one with a token is reached only so); when no endpoint has that name, the whole path goes to the
 * endpoints routed to it ({@link Endpoint#path()}) that its {@code ?integrationId=} selects
 * ({@link IntegrationRouting}); when none is, a one-segment path is still received by name and a
 * longer one by path, so that the pipeline answers and records UNKNOWN_ENDPOINT. An endpoint the
 * request does not reach (wrong token, other integration) contributes nothing — no allowlist, no
 * body limit — so the answers cannot tell it from one that does not exist.
 *
 * @param path the request path within the web application
 * @param name the endpoint name when received by name; empty when received by path
 * @param endpoints the endpoints the request will reach (empty when unknown)
 */
public record Route(String path, Optional<String> name, List<Endpoint> endpoints) {

    public Route {
        endpoints = List.copyOf(endpoints);
    }

    /** True when {@code path} lies under {@code prefix} (a prefix without trailing slash; "" matches all). */
    public static boolean isUnder(String path, String prefix) {
        return prefix.isEmpty() || path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

    /** Resolves a path that {@link #isUnder lies under} the prefix, with the request's query parameters. */
    public static Route resolve(String path, String prefix, EndpointRegistry registry, Map<String, List<String>> queryParameters) {
        String rest = path.substring(prefix.length());
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        boolean oneSegment = !rest.isEmpty() && rest.indexOf('/') < 0;
        if (oneSegment) {
            Optional<Endpoint> named = registry.get(rest);
            if (named.isPresent()) {
                // Without its token the endpoint is not reached: the pipeline answers UNKNOWN_ENDPOINT.
                return new Route(path, Optional.of(rest), named.get().urlToken().isPresent() ? List.of() : List.of(named.get()));
            }
        }
        Optional<Route> withToken = byNameAndToken(path, rest, registry);
        if (withToken.isPresent()) {
            return withToken.get();
        }
        List<Endpoint> shared = IntegrationRouting.select(registry.byPath(path), queryParameters);
        if (!shared.isEmpty() || !oneSegment) {
            return new Route(path, Optional.empty(), shared);
        }
        return new Route(path, Optional.of(rest), List.of());
    }

    /** {@code {name}/{token}} for an endpoint with that URL token (compared in constant time). */
    private static Optional<Route> byNameAndToken(String path, String rest, EndpointRegistry registry) {
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String name = rest.substring(0, slash);
        return registry.get(name)
                .filter(e -> e.urlToken().isPresent() && e.acceptsUrlToken(rest.substring(slash + 1)))
                .map(e -> new Route(path, Optional.of(name), List.of(e)));
    }

    /**
     * The path for log lines: at most the first segment under the prefix, since a later one may be
     * an endpoint's URL token, a secret.
     */
    public static String loggable(String path, String prefix) {
        int start = prefix.length() + 1;
        int slash = start < path.length() ? path.indexOf('/', start) : -1;
        return slash < 0 ? path : path.substring(0, slash) + "/…";
    }

    /** The largest body any endpoint of this route accepts, or {@code unknownLimit} when none is known. */
    public int maxBodyBytes(int unknownLimit) {
        return endpoints.stream().mapToInt(Endpoint::maxBodyBytes).max().orElse(unknownLimit);
    }

    /** The endpoint name for logs and records: the name, or {@code path:<path>} like the receiver's. */
    public String label() {
        return name.orElse("path:" + path);
    }
}
