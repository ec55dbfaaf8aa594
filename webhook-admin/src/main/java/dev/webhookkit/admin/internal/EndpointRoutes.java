package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.ActionPlan;
import dev.webhookkit.actions.ConfiguredActions;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.EndpointJson;
import dev.webhookkit.admin.InvalidFieldException;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.Secret;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.outbound.UrlCheck;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /endpoints}: list, create, read, replace, patch, delete, rotate a secret. Another tenant's
 * endpoint is answered as if it did not exist (404); only a create of a taken name says 409.
 */
public final class EndpointRoutes {
    static final String KIND = "endpoints";
    /** Longest grace a rotation may give the old secrets: a forgotten old key should not live for years. */
    static final long MAX_GRACE_SECONDS = Duration.ofDays(30).toSeconds();
    static final int DEFAULT_LIMIT = 50;
    private static final String CURSOR_TAG = "n1:";

    private EndpointRoutes() {
    }

    /** {@code ?limit=&cursor=} → {@code {"items":[…],"next"}} in name order, only the endpoints the caller may read. */
    public static AdminResponse list(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery("limit", "cursor");
        int limit = call.query("limit").map(EventRoutes::limit).orElse(DEFAULT_LIMIT);
        String after = call.query("cursor").map(EndpointRoutes::decodeCursor).orElse(null);
        Instant now = call.context().clock().instant();
        List<Endpoint> visible = new ArrayList<>();
        boolean more = false;
        for (Endpoint e : call.context().endpoints().list().stream().sorted(Comparator.comparing(Endpoint::name)).toList()) {
            if ((after != null && e.name().compareTo(after) <= 0) || !call.allows(AdminAction.READ, resource(e))) {
                continue;
            }
            if (visible.size() == limit) {
                more = true;
                break;
            }
            visible.add(e);
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        visible.forEach(e -> items.add(call.context().endpointJson().toView(e, now)));
        if (more) {
            body.put("next", encodeCursor(visible.get(visible.size() - 1).name())); // the last one the caller sees
        } else {
            body.putNull("next");
        }
        return Responses.ok(body);
    }

    private static String encodeCursor(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_TAG + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_TAG) && text.length() > CURSOR_TAG.length()) {
                return text.substring(CURSOR_TAG.length());
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalidParameter("cursor", "not a cursor this API handed out");
    }

    public static AdminResponse create(AdminCall call) {
        call.authorize(AdminAction.CREATE, AdminResource.collection(KIND));
        Endpoint e = call.context().endpointJson().fromJson(call.jsonBody());
        call.authorize(AdminAction.CREATE, resource(e));
        checkLimits(call, e);
        checkDestinations(call, e);
        try {
            call.context().endpoints().create(e);
        } catch (AlreadyExistsException ex) {
            // Names are global (they are the receiver's URL), so this answer is the one unavoidable existence signal.
            throw ApiException.conflict("already_exists", "endpoint '" + e.name() + "' already exists");
        }
        return Responses.json(201, view(call, e), Map.of("Location", call.location("/endpoints/" + e.name())));
    }

    /**
     * The host's ceiling on the body limit, and one tenant per path: the receiver fans a path out to
     * every endpoint on it, so another tenant's endpoint there would receive (and could answer) its traffic.
     */
    private static void checkLimits(AdminCall call, Endpoint e) {
        int ceiling = call.context().limits().maxEndpointBodyBytes();
        if (e.maxBodyBytes() > ceiling) {
            throw new InvalidFieldException("maxBodyBytes", "must be at most " + ceiling + " (this API's ceiling) but was " + e.maxBodyBytes());
        }
        if (e.path().isPresent()) {
            for (Endpoint other : call.context().endpoints().byPath(e.path().get())) {
                if (!other.name().equals(e.name()) && !other.tenant().equals(e.tenant())) {
                    throw ApiException.conflict("path_taken", "path '" + Echo.of(e.path().get())
                            + "' is used by an endpoint of another tenant; choose another path");
                }
            }
        }
    }

    /**
     * The handler a code-configured endpoint was given is code, not configuration: a replaced
     * endpoint keeps it, followed by the body's actions when it has some.
     */
    private static EventHandler handlerOf(Endpoint current, Endpoint decoded) {
        EventHandler code = current.handler() instanceof ConfiguredActions c ? c.base() : current.handler();
        return decoded.handler() instanceof ConfiguredActions c ? c.withBase(code) : code;
    }

    /** Every URL the actions send to passes the API's SSRF guard (the dispatcher checks again before each attempt). */
    private static void checkDestinations(AdminCall call, Endpoint e) {
        for (ActionPlan.Destination d : EndpointJson.actionsOf(e).map(ActionPlan::destinations).orElse(List.of())) {
            UrlCheck check = call.context().outbound().urlGuard().check(d.url());
            if (check.rejection().isPresent()) {
                throw new InvalidFieldException("actions" + d.field(), "refused as a destination ("
                        + check.rejection().get().name().toLowerCase(Locale.ROOT) + "): " + check.detail());
            }
        }
    }

    public static AdminResponse get(AdminCall call) {
        Endpoint e = load(call, AdminAction.READ);
        return Responses.ok(view(call, e));
    }

    /** Replaces the endpoint; without {@code secrets} (or {@code urlToken}) in the body its secrets (token) are kept (they are write-only, so a read cannot give them back). */
    public static AdminResponse replace(AdminCall call) {
        Endpoint current = load(call, AdminAction.UPDATE);
        ObjectNode body = call.jsonBody();
        JsonNode name = body.get("name");
        if (name != null && !name.isNull() && !(name.isTextual() && name.asText().equals(current.name()))) {
            throw new InvalidFieldException("name", "must be the name in the path ('" + current.name() + "'); endpoints are not renamed");
        }
        body.put("name", current.name());
        if (!body.has("tenant") && current.tenant().isPresent()) {
            body.put("tenant", current.tenant().get()); // only an explicit "tenant" (null included) changes it
        }
        if (!body.has("secrets")) {
            body.set("secrets", call.context().endpointJson().storedSecrets(current));
        }
        if (!body.has("urlToken") && current.urlToken().isPresent()) {
            body.put("urlToken", current.urlToken().get()); // write-only like the secrets: kept unless the body says
        }
        if (!body.has("actions")) {
            body.set("actions", call.context().endpointJson().storedActions(current)); // their secrets are write-only too
        }
        Endpoint decoded = call.context().endpointJson().fromJson(body);
        Endpoint next = decoded.toBuilder().handler(handlerOf(current, decoded)).build();
        call.authorize(AdminAction.UPDATE, resource(next)); // no moving an endpoint into another tenant
        checkLimits(call, next);
        checkDestinations(call, next);
        return update(call, next);
    }

    /** Only {@code enabled} may be patched. */
    public static AdminResponse patch(AdminCall call) {
        Endpoint current = load(call, AdminAction.UPDATE);
        ObjectNode body = call.jsonBody();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("enabled")) {
                throw new InvalidFieldException(f, "cannot be patched; only enabled can (replace the endpoint with PUT)");
            }
        }
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new InvalidFieldException("enabled", "is required and must be true or false");
        }
        return update(call, current.toBuilder().enabled(enabled.asBoolean()).build());
    }

    public static AdminResponse delete(AdminCall call) {
        Endpoint current = load(call, AdminAction.DELETE);
        if (!call.context().endpoints().delete(current.name())) {
            throw ApiException.notFound("endpoint '" + current.name() + "' does not exist");
        }
        return Responses.noContent();
    }

    /**
     * {@code {"secret","graceSeconds","id"}}: the new secret verifies at once, the active old ones
     * until now + grace (default 24 hours). The id defaults to the first free {@code key-N}.
     */
    public static AdminResponse rotateSecret(AdminCall call) {
        Endpoint current = load(call, AdminAction.UPDATE);
        ObjectNode body = call.jsonBody();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("secret") && !f.equals("graceSeconds") && !f.equals("id")) {
                throw new InvalidFieldException(f, "unknown field");
            }
        }
        JsonNode secret = body.get("secret");
        if (secret == null || !secret.isTextual() || secret.asText().isEmpty() || secret.asText().length() > EndpointJson.MAX_SECRET_CHARS) {
            throw new InvalidFieldException("secret", "is required and must be a non-empty string of at most "
                    + EndpointJson.MAX_SECRET_CHARS + " characters");
        }
        long grace = Duration.ofHours(24).toSeconds();
        JsonNode g = body.get("graceSeconds");
        if (g != null && !g.isNull()) {
            if (!g.isIntegralNumber() || !g.canConvertToLong() || g.asLong() < 0 || g.asLong() > MAX_GRACE_SECONDS) {
                throw new InvalidFieldException("graceSeconds", "must be a whole number from 0 to " + MAX_GRACE_SECONDS);
            }
            grace = g.asLong();
        }
        JsonNode idNode = body.get("id");
        if (idNode != null && !idNode.isNull() && (!idNode.isTextual() || idNode.asText().isBlank() || idNode.asText().length() > 128)) {
            throw new InvalidFieldException("id", "must be a non-blank string of at most 128 characters");
        }
        if (!current.verifier().requiresSecrets()) {
            throw new InvalidFieldException("secret", "endpoint '" + current.name() + "' uses scheme '"
                    + current.verifier().schemeId() + "', which takes no secrets");
        }
        String id = idNode == null || idNode.isNull() ? freeId(current.secrets()) : idNode.asText();
        if (current.secrets().byId(id).isPresent()) {
            throw ApiException.conflict("already_exists", "endpoint '" + current.name() + "' already has a secret with id '" + Echo.of(id) + "'");
        }
        Instant now = call.context().clock().instant();
        SecretSet rotated;
        try {
            rotated = current.secrets().rotate(Secret.of(id, secret.asText()), Duration.ofSeconds(grace), now);
        } catch (ConfigurationException ex) {
            throw new InvalidFieldException("secret", ex.getMessage());
        }
        if (rotated.activeAt(now).size() > EndpointJson.MAX_SECRETS) {
            throw new InvalidFieldException("secret", "endpoint '" + current.name() + "' would hold more than " + EndpointJson.MAX_SECRETS
                    + " active secrets; rotate with a shorter grace, or wait for old ones to expire");
        }
        return update(call, current.toBuilder().secrets(rotated).build());
    }

    private static String freeId(SecretSet secrets) {
        for (int n = 2; ; n++) {
            if (secrets.byId("key-" + n).isEmpty()) {
                return "key-" + n;
            }
        }
    }

    private static AdminResponse update(AdminCall call, Endpoint next) {
        try {
            call.context().endpoints().update(next);
        } catch (NotFoundException ex) {
            throw ApiException.notFound("endpoint '" + next.name() + "' does not exist");
        }
        return Responses.ok(view(call, next));
    }

    /** The named endpoint, after checking the caller may do {@code action} on it: 401, then 404 — also for another tenant's. */
    private static Endpoint load(AdminCall call, AdminAction action) {
        call.authorize(action, AdminResource.collection(KIND));
        String name = call.param("name");
        String missing = "endpoint '" + name + "' does not exist";
        Endpoint e = call.context().endpoints().get(name).orElseThrow(() -> ApiException.notFound(missing));
        call.authorizeEntry(action, resource(e), missing);
        return e;
    }

    static AdminResource resource(Endpoint e) {
        return AdminResource.entry(KIND, e.name(), e.tenant().orElse(null));
    }

    private static ObjectNode view(AdminCall call, Endpoint e) {
        return call.context().endpointJson().toView(e, call.context().clock().instant());
    }
}
