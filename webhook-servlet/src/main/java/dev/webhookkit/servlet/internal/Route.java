package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EndpointRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Where a request under the filter's prefix goes. {@code /prefix/{name}} goes to the endpoint of
 * that name; when no endpoint has that name, the whole path goes to the endpoints routed to it
 * ({@link Endpoint#path()}); when none is, a one-segment path is still received by name and a
 * longer one by path, so that the pipeline answers and records UNKNOWN_ENDPOINT.
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

    /** Resolves a path that {@link #isUnder lies under} the prefix. */
    public static Route resolve(String path, String prefix, EndpointRegistry registry) {
        String rest = path.substring(prefix.length());
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        boolean oneSegment = !rest.isEmpty() && rest.indexOf('/') < 0;
        if (oneSegment) {
            Optional<Endpoint> named = registry.get(rest);
            if (named.isPresent()) {
                return new Route(path, Optional.of(rest), List.of(named.get()));
            }
        }
        List<Endpoint> shared = registry.byPath(path);
        if (!shared.isEmpty() || !oneSegment) {
            return new Route(path, Optional.empty(), shared);
        }
        return new Route(path, Optional.of(rest), List.of());
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
