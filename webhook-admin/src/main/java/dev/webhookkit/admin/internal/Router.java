package dev.webhookkit.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Method + path template → handler, one entry per route ({@code GET /endpoints/{name}}), so the
 * route table can be listed and checked against the OpenAPI document. Where a literal segment and a
 * {@code {param}} both match, the route with more literal segments wins. Immutable once built.
 */
public final class Router {

    /** One route: method, template and handler. */
    public record Route(String method, String template, RouteHandler handler) {
        List<String> segments() {
            return PathSegments.split(template);
        }

        int literals() {
            return (int) segments().stream().filter(s -> !isParam(s)).count();
        }
    }

    /** A matched route and the values of its parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** @throws IllegalArgumentException for a method + template that is already routed */
    public Router add(String method, String template, RouteHandler handler) {
        Objects.requireNonNull(handler, "handler");
        for (Route r : routes) {
            if (r.method.equals(method) && r.template.equals(template)) {
                throw new IllegalArgumentException("route " + method + " " + template + " is defined twice");
            }
        }
        routes.add(new Route(method, template, handler));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * @param segments the decoded path segments
     * @throws ApiException 404 when no template matches the path, 405 (with Allow) when one does but not for this method
     */
    public Match match(String method, List<String> segments) {
        Match best = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = bind(r.segments(), segments);
            if (params == null) {
                continue;
            }
            allowed.add(r.method);
            if (r.method.equals(method) && (best == null || r.literals() > best.route.literals())) {
                best = new Match(r, params);
            }
        }
        if (best != null) {
            return best;
        }
        if (!allowed.isEmpty()) {
            throw ApiException.methodNotAllowed(method, String.join(", ", allowed));
        }
        throw ApiException.notFound("no such resource");
    }

    private static Map<String, String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (isParam(t)) {
                params.put(t.substring(1, t.length() - 1), path.get(i));
            } else if (!t.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
