package dev.webhookkit.core;

import dev.webhookkit.core.internal.UrlTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OpsKnight's one URL for many integrations: of the endpoints sharing a path, a request reaches
 * those its {@code ?integrationId=} names ({@link Endpoint#integrationId()}).
 *
 * <ul>
 *   <li>With {@code integrationId} once: the endpoints of the path with that id. An id no endpoint
 *       has — or one repeated, empty or longer than {@value #MAX_LENGTH} characters — reaches none,
 *       so the answer is 404 UNKNOWN_ENDPOINT, exactly as for a path nobody serves: nothing tells a
 *       prober which ids exist. Ids are compared in constant time.</li>
 *   <li>Without it: the endpoints of the path that have no id (several endpoints on one path,
 *       Octipus); an endpoint with an id is reached only by naming it.</li>
 * </ul>
 *
 * Used by {@link WebhookReceiver#receivePath} and by server adapters that look at the endpoints
 * of a route before reading the body (IP allowlists, body limits). Stateless and thread-safe.
 */
public final class IntegrationRouting {
    /** The query parameter that names the integration. */
    public static final String PARAMETER = "integrationId";
    /** Longer ids are never looked up: endpoint ids are names, at most 128 characters. */
    public static final int MAX_LENGTH = 128;

    private IntegrationRouting() {
    }

    /**
     * The endpoints of {@code onPath} that a request with these query parameters reaches.
     *
     * @param onPath the endpoints routed to the request's path
     * @param queryParameters the request's query parameters ({@link WebhookRequest#queryParameters()})
     */
    public static List<Endpoint> select(List<Endpoint> onPath, Map<String, List<String>> queryParameters) {
        Objects.requireNonNull(onPath, "onPath");
        List<String> named = Objects.requireNonNull(queryParameters, "queryParameters").get(PARAMETER);
        if (named == null) {
            return onPath.stream().filter(e -> e.integrationId().isEmpty()).toList();
        }
        if (named.size() != 1 || named.get(0).isEmpty() || named.get(0).length() > MAX_LENGTH) {
            return List.of();
        }
        byte[] presented = UrlTokens.digest(named.get(0));
        List<Endpoint> chosen = new ArrayList<>(1);
        for (Endpoint e : onPath) {
            // Every endpoint is compared, so the time taken does not say where (or whether) the id matched.
            // (An endpoint without an id is compared with "", which a non-empty id never equals.)
            if (UrlTokens.equalDigests(presented, UrlTokens.digest(e.integrationId().orElse("")))) {
                chosen.add(e);
            }
        }
        return List.copyOf(chosen);
    }
}
