package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.InvalidFieldException;
import dev.webhookkit.admin.SubscriptionJson;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.SubscriptionRegistry;
import dev.webhookkit.outbound.UrlCheck;
import dev.webhookkit.outbound.AttemptOutcome;
import dev.webhookkit.outbound.DisableReason;
import dev.webhookkit.outbound.EndpointHealthState;
import dev.webhookkit.outbound.spi.EndpointHealthStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;

/**
 * {@code /subscriptions}: list, create, read, replace, patch, delete, test send. Every write is
 * checked by the builder's rules ({@link SubscriptionJson}) and its URL by the API's SSRF guard,
 * so a subscription aimed at the sender's own network is refused before it is stored.
 */
public final class SubscriptionRoutes {
    static final String KIND = "subscriptions";
    private static final SubscriptionJson CODEC = SubscriptionJson.instance();

    private SubscriptionRoutes() {
    }

    /** {@code {"items":[…]}} in id order; a tenant's caller sees only its own. */
    public static AdminResponse list(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (Subscription s : registry(call).list()) {
            if (call.allows(AdminAction.READ, resource(s))) {
                items.add(view(call, s));
            }
        }
        return Responses.ok(body);
    }

    public static AdminResponse create(AdminCall call) {
        call.authorize(AdminAction.CREATE, AdminResource.collection(KIND));
        SubscriptionRegistry registry = registry(call);
        Subscription s = CODEC.fromJson(call.jsonBody());
        call.authorize(AdminAction.CREATE, resource(s));
        // Endpoint actions register their targets under these ids; a client's own one there could take their messages.
        if (ActionDefinitions.isTargetId(s.id())) {
            throw new InvalidFieldException("id", "ids starting with '" + ActionDefinitions.SUBSCRIPTION_PREFIX + "' or '"
                    + ActionDefinitions.HASHED_SUBSCRIPTION_PREFIX + "' are reserved for the targets of endpoint actions");
        }
        checkUrl(call, s);
        try {
            registry.create(s);
        } catch (AlreadyExistsException ex) {
            throw ApiException.conflict("already_exists", "subscription '" + s.id() + "' already exists");
        }
        return Responses.json(201, view(call, s), Map.of("Location", call.location("/subscriptions/" + Responses.encodeSegment(s.id()))));
    }

    public static AdminResponse get(AdminCall call) {
        return Responses.ok(view(call, load(call, AdminAction.READ)));
    }

    /**
     * Replaces the subscription with the body (fields left out take their defaults), except the
     * write-only {@code secret}/{@code secrets} and {@code headers}: left out, they are kept.
     */
    public static AdminResponse replace(AdminCall call) {
        Subscription current = loadClientOwned(call, AdminAction.UPDATE);
        ObjectNode body = call.jsonBody();
        JsonNode id = body.get("id");
        if (id != null && !id.isNull() && !(id.isTextual() && id.asText().equals(current.id()))) {
            throw new InvalidFieldException("id", "must be the id in the path ('" + current.id() + "'); subscriptions are not renamed");
        }
        body.put("id", current.id());
        Subscription next = CODEC.fromJson(body, current);
        return update(call, current, next);
    }

    /** A JSON merge patch of the write form: {@code {"enabled":false}}, {@code {"secret":"…"}}, {@code {"maxAttempts":null}} …. */
    public static AdminResponse patch(AdminCall call) {
        Subscription current = loadClientOwned(call, AdminAction.UPDATE);
        Subscription next = CODEC.merge(current, call.jsonBody());
        return update(call, current, next);
    }

    public static AdminResponse delete(AdminCall call) {
        Subscription current = loadClientOwned(call, AdminAction.DELETE);
        if (!registry(call).delete(current.id())) {
            throw ApiException.notFound("subscription '" + current.id() + "' does not exist");
        }
        healthStore(call).clear(current.id()); // a new subscription under this id starts healthy
        return Responses.noContent();
    }

    /**
     * Sends a {@code webhook.test} event now, even to a disabled subscription, and answers the
     * attempt (200 whatever the subscriber answered: the attempt says how it went).
     */
    public static AdminResponse test(AdminCall call) {
        Subscription s = load(call, AdminAction.EXECUTE);
        DeliveryAttempt attempt;
        try {
            attempt = call.context().requireDispatcher().sendTest(s.id());
        } catch (NotFoundException ex) {
            throw ApiException.notFound("subscription '" + s.id() + "' does not exist");
        }
        return Responses.ok(MessageViews.attempt(attempt));
    }

    private static AdminResponse update(AdminCall call, Subscription current, Subscription next) {
        call.authorize(AdminAction.UPDATE, resource(next)); // no moving a subscription into another tenant
        if (!next.url().equals(current.url())) {
            checkUrl(call, next);
        }
        try {
            registry(call).update(next);
        } catch (NotFoundException ex) {
            throw ApiException.notFound("subscription '" + next.id() + "' does not exist");
        }
        if (next.enabled() != current.enabled()) {
            // Enabled or disabled by hand: an earlier reason and counts of the dispatcher's no longer apply.
            healthStore(call).clear(next.id());
        }
        return Responses.ok(view(call, next));
    }

    /** The SSRF guard's answer before anything is stored: 422 on {@code url}, saying why. */
    private static void checkUrl(AdminCall call, Subscription s) {
        UrlCheck check = call.context().outbound().urlGuard().check(s.url());
        if (check.rejection().isPresent()) {
            throw new InvalidFieldException("url", "refused as a destination (" + check.rejection().get().name().toLowerCase(Locale.ROOT)
                    + "): " + check.detail());
        }
    }

    /** The subscription in the path, after checking the caller may do {@code action} on it: 401, 404, then 403. */
    static Subscription load(AdminCall call, AdminAction action) {
        call.authorize(action, AdminResource.collection(KIND));
        String id = call.param("id");
        Subscription s = registry(call).get(id)
                .orElseThrow(() -> ApiException.notFound("subscription '" + id + "' does not exist"));
        call.authorize(action, resource(s));
        return s;
    }

    /** As {@link #load}, refusing an endpoint action's target: its endpoint's {@code actions} own it (409). */
    private static Subscription loadClientOwned(AdminCall call, AdminAction action) {
        Subscription s = load(call, action);
        if (ActionDefinitions.isTargetId(s.id())) {
            throw ApiException.conflict("managed_by_actions", "subscription '" + s.id()
                    + "' is the target of an endpoint's actions: change that endpoint's actions instead");
        }
        return s;
    }

    static AdminResource resource(Subscription s) {
        return AdminResource.entry(KIND, s.id(), s.tenant().orElse(null));
    }

    static SubscriptionRegistry registry(AdminCall call) {
        return call.context().requireDispatcher().subscriptions();
    }

    static EndpointHealthStore healthStore(AdminCall call) {
        return call.context().requireDispatcher().endpointHealth();
    }

    /**
     * The view with {@code disabledReason} from the endpoint health store (read only for a disabled
     * subscription; a store that cannot answer leaves it null rather than failing a listing).
     */
    private static ObjectNode view(AdminCall call, Subscription s) {
        DisableReason reason = null;
        if (!s.enabled()) {
            try {
                reason = healthStore(call).find(s.id()).disabledReason().orElse(null);
            } catch (RuntimeException e) {
                reason = null;
            }
        }
        return CODEC.toView(s, call.context().clock().instant(), reason);
    }

    /** Attempts the health answer looks back over at most. */
    static final int HEALTH_ATTEMPTS = 100;

    /**
     * {@code {"id","enabled","disabledReason","disabledAt","failures","failingSince","failedMessages",
     * "recent":{"attempts","successes","successRate","lastAttemptAt","lastOutcome"}}}: the endpoint
     * health the dispatchers keep in their store (shared by every instance with webhook-jdbc), and
     * the subscription's latest {@value #HEALTH_ATTEMPTS} attempts; {@code successRate} is null when
     * there were none, {@code disabledReason}/{@code disabledAt} while it is enabled or was disabled by hand.
     */
    public static AdminResponse health(AdminCall call) {
        Subscription s = load(call, AdminAction.READ);
        call.allowOnlyQuery();
        List<DeliveryAttempt> attempts = call.context().requireDispatcher().log().attemptsForSubscription(s.id(), HEALTH_ATTEMPTS);
        EndpointHealthState state = healthStore(call).find(s.id());
        ObjectNode body = Json.object();
        body.put("id", s.id());
        body.put("enabled", s.enabled());
        Optional<DisableReason> reason = s.enabled() ? Optional.empty() : state.disabledReason();
        if (reason.isPresent()) {
            body.put("disabledReason", reason.get().name());
            body.put("disabledAt", state.disabledAt().map(Object::toString).orElse(null));
        } else {
            body.putNull("disabledReason");
            body.putNull("disabledAt");
        }
        body.put("failures", state.failures());
        if (state.failingSince().isPresent()) {
            body.put("failingSince", state.failingSince().get().toString());
        } else {
            body.putNull("failingSince");
        }
        body.put("failedMessages", state.failedMessages());
        ObjectNode recent = body.putObject("recent");
        long successes = attempts.stream().filter(a -> a.outcome() == AttemptOutcome.SUCCESS).count();
        recent.put("attempts", attempts.size());
        recent.put("successes", successes);
        if (attempts.isEmpty()) {
            recent.putNull("successRate");
            recent.putNull("lastAttemptAt");
            recent.putNull("lastOutcome");
        } else {
            recent.put("successRate", (double) successes / attempts.size());
            recent.put("lastAttemptAt", attempts.get(0).startedAt().toString());
            recent.put("lastOutcome", attempts.get(0).outcome().id());
        }
        return Responses.ok(body);
    }
}
