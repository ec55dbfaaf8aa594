package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminRequest;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminDecision;
import dev.webhookkit.admin.spi.AdminResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request on its way through a route: path parameters, query, body and authorization. Not thread-safe. */
public final class AdminCall {
    private final AdminRequest request;
    private final Map<String, String> params;
    private final AdminContext context;
    private Map<String, List<String>> query;

    public AdminCall(AdminRequest request, Map<String, String> params, AdminContext context) {
        this.request = request;
        this.params = Map.copyOf(params);
        this.context = context;
    }

    public AdminRequest request() {
        return request;
    }

    public AdminContext context() {
        return context;
    }

    /** A path parameter of the route's template (decoded). */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no parameter '" + name + "'");
        }
        return v;
    }

    /** A query parameter given at most once; empty when absent or blank. @throws ApiException 400 when repeated */
    public Optional<String> query(String name) {
        List<String> values = queryParameters().getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.invalidParameter(name, "given more than once");
        }
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every query parameter, decoded. */
    public Map<String, List<String>> queryParameters() {
        if (query == null) {
            Map<String, List<String>> q = new LinkedHashMap<>();
            for (String pair : request.rawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = PathSegments.percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
                String v = eq < 0 ? "" : PathSegments.percentDecode(pair.substring(eq + 1), true);
                q.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            query = q;
        }
        return query;
    }

    /**
     * Refuses query parameters the route does not know, so a misspelt filter is not silently ignored.
     * @throws ApiException 400 {@code invalid_parameter}
     */
    public void allowOnlyQuery(String... names) {
        List<String> known = List.of(names);
        for (String k : queryParameters().keySet()) {
            if (!known.contains(k)) {
                throw ApiException.invalidParameter(k, "unknown parameter; known: " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
    }

    /** The body as a JSON object. @throws ApiException 400 when empty or malformed */
    public ObjectNode jsonBody() {
        if (request.body().length == 0) {
            throw ApiException.badRequest("malformed_json", "a JSON body is required");
        }
        return Json.parseObject(request.body());
    }

    /** @throws ApiException 401 or 403 unless the authorizer allows */
    public void authorize(AdminAction action, AdminResource resource) {
        AdminDecision decision = context.authorizer().authorize(request, action, resource);
        if (decision == AdminDecision.ALLOW) {
            return;
        }
        if (decision == AdminDecision.FORBIDDEN) {
            throw ApiException.forbidden(resource.kind(), resource.key());
        }
        throw ApiException.unauthenticated();
    }

    /**
     * {@link #authorize} for an entry that exists. Another tenant's entry is 403, as the API's
     * contract says ("403 across tenants"): names are global (they are the receiver's URL), so a
     * create already reveals that a name is taken, and a 404 would hide nothing more.
     */
    public void authorizeEntry(AdminAction action, AdminResource resource, String notFoundMessage) {
        authorize(action, resource);
    }

    /** Whether the caller may do this, without answering for it (to filter lists). */
    public boolean allows(AdminAction action, AdminResource resource) {
        return context.authorizer().authorize(request, action, resource) == AdminDecision.ALLOW;
    }

    /** The request's mount point + {@code relative}, for Location headers. */
    public String location(String relative) {
        return request.basePath() + relative;
    }
}
