package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.InvalidFieldException;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Page;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.DeliveryStoreFullException;
import dev.webhookkit.outbound.DispatcherClosedException;
import dev.webhookkit.outbound.MessageQuery;
import dev.webhookkit.outbound.OutboundMessage;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /messages}: publish, search, one message, its attempts, redeliver one or every match. A
 * message belongs to the tenant of its subscription; messages of a subscription that no longer
 * exists belong to no tenant (only an all-tenants caller sees them).
 */
public final class MessageRoutes {
    static final String KIND = "messages";
    /**
     * The key of "every message, whoever's": asked (with no tenant) before publishing to every
     * subscriber or redelivering across subscriptions, which only an all-tenants caller may do.
     */
    static final String ALL = "*";

    private MessageRoutes() {
    }

    /**
     * {@code {"eventType","data"}} → 202 {@code {"ids":[…]}}, one message per enabled subscription
     * that wants the type (none is fine). Publishing reaches every tenant's subscribers, so a
     * tenant's caller may not publish (403).
     */
    public static AdminResponse publish(AdminCall call) {
        call.authorize(AdminAction.CREATE, AdminResource.collection(KIND));
        call.authorize(AdminAction.CREATE, AdminResource.entry(KIND, ALL, null));
        WebhookDispatcher dispatcher = call.context().requireDispatcher();
        ObjectNode body = call.jsonBody();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("eventType") && !f.equals("data")) {
                throw new InvalidFieldException(f, "unknown field");
            }
        }
        JsonNode type = body.get("eventType");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new InvalidFieldException("eventType", "is required and must be a non-blank string");
        }
        if (type.asText().length() > 200 || type.asText().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException("eventType", "must be at most 200 characters without control characters");
        }
        JsonNode data = body.get("data");
        if (data == null) {
            throw new InvalidFieldException("data", "is required (any JSON value; null for none)");
        }
        List<String> ids;
        try {
            ids = dispatcher.publish(type.asText(), data);
        } catch (DeliveryStoreFullException e) {
            throw storeFull();
        } catch (DispatcherClosedException e) {
            throw new ApiException(503, "dispatcher_closed", "the dispatcher is shutting down and takes no events");
        }
        ObjectNode answer = Json.object();
        ids.forEach(answer.putArray("ids")::add);
        return Responses.json(202, answer);
    }

    /**
     * {@code ?subscription=&status=&limit=&cursor=} → {@code {"items":[…],"next"}}, newest first.
     * For a tenant's caller other tenants' messages are left out of the page, which may then hold
     * fewer than {@code limit} items while {@code next} still continues the search.
     */
    public static AdminResponse list(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery("subscription", "status", "limit", "cursor");
        WebhookDispatcher dispatcher = call.context().requireDispatcher();
        MessageQuery query = MessageQuery.all();
        Map<String, Optional<String>> tenants = new HashMap<>();
        Optional<String> subscription = call.query("subscription");
        if (subscription.isPresent()) {
            // Asking for one subscription's messages is asking to read that subscription's history.
            call.authorize(AdminAction.READ, subscriptionResource(call, subscription.get(), tenants));
            query = query.withSubscription(subscription.get());
        }
        Optional<String> status = call.query("status");
        if (status.isPresent()) {
            query = query.withState(state(status.get()));
        }
        Optional<String> limit = call.query("limit");
        if (limit.isPresent()) {
            query = query.withLimit(limit(limit.get()));
        }
        Optional<String> cursor = call.query("cursor");
        if (cursor.isPresent()) {
            query = query.withCursor(cursor.get());
        }
        Page<OutboundMessage> page;
        try {
            page = dispatcher.log().messages(query);
        } catch (ConfigurationException e) {
            throw ApiException.invalidParameter("cursor", "not a cursor this API handed out");
        } catch (UnsupportedOperationException e) {
            throw ApiException.notConfigured("this dispatcher's store does not answer message queries");
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (OutboundMessage m : page.items()) {
            if (call.allows(AdminAction.READ, resource(call, m, tenants))) {
                items.add(MessageViews.summary(m));
            }
        }
        if (page.next() == null) {
            body.putNull("next");
        } else {
            body.put("next", page.next());
        }
        return Responses.ok(body);
    }

    /** One message with the body that was sent. */
    public static AdminResponse get(AdminCall call) {
        return Responses.ok(MessageViews.detail(load(call, AdminAction.READ)));
    }

    /** {@code {"items":[…]}}: every attempt, oldest first. */
    public static AdminResponse attempts(AdminCall call) {
        OutboundMessage m = load(call, AdminAction.READ);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (DeliveryAttempt a : call.context().requireDispatcher().log().attempts(m.id())) {
            items.add(MessageViews.attempt(a));
        }
        return Responses.ok(body);
    }

    /**
     * Sends a finished (dead or delivered) message again from its first attempt: 202 with the
     * message as it is now; 409 {@code not_redeliverable} while it is still queued.
     */
    public static AdminResponse redeliver(AdminCall call) {
        OutboundMessage m = load(call, AdminAction.EXECUTE);
        WebhookDispatcher dispatcher = call.context().requireDispatcher();
        boolean requeued;
        try {
            requeued = dispatcher.redeliver(m.id());
        } catch (DeliveryStoreFullException e) {
            throw storeFull();
        }
        if (!requeued) {
            throw ApiException.conflict("not_redeliverable", "message '" + m.id() + "' is still queued; only dead or delivered messages are redelivered");
        }
        OutboundMessage now = dispatcher.log().message(m.id()).orElse(m);
        return Responses.json(202, MessageViews.summary(now));
    }

    /**
     * {@code ?subscription=&status=dead} → {@code {"count":N}}: re-queues every dead (default) or
     * failed message of one subscription, or of all the caller may touch. A tenant's caller
     * without {@code subscription} redelivers its own subscriptions' messages only.
     */
    public static AdminResponse redeliverAll(AdminCall call) {
        call.authorize(AdminAction.EXECUTE, AdminResource.collection(KIND));
        call.allowOnlyQuery("subscription", "status");
        WebhookDispatcher dispatcher = call.context().requireDispatcher();
        MessageQuery.State state = state(call.query("status").orElse("dead"));
        if (state != MessageQuery.State.DEAD && state != MessageQuery.State.FAILED) {
            throw ApiException.invalidParameter("status", "must be dead or failed to redeliver but was '" + state.id() + "'");
        }
        Optional<String> subscription = call.query("subscription");
        long count = 0;
        try {
            if (subscription.isPresent()) {
                call.authorize(AdminAction.EXECUTE, subscriptionResource(call, subscription.get(), new HashMap<>()));
                count = dispatcher.redeliverAll(subscription.get(), state);
            } else if (call.allows(AdminAction.EXECUTE, AdminResource.entry(KIND, ALL, null))) {
                count = dispatcher.redeliverAll(null, state);
            } else {
                boolean any = false;
                for (Subscription s : dispatcher.subscriptions().list()) {
                    if (call.allows(AdminAction.EXECUTE, SubscriptionRoutes.resource(s))) {
                        any = true;
                        count += dispatcher.redeliverAll(s.id(), state);
                    }
                }
                if (!any) {
                    throw ApiException.forbidden(KIND, null);
                }
            }
        } catch (DeliveryStoreFullException e) {
            throw storeFull();
        }
        ObjectNode body = Json.object();
        body.put("count", count);
        return Responses.ok(body);
    }

    private static OutboundMessage load(AdminCall call, AdminAction action) {
        call.authorize(action, AdminResource.collection(KIND));
        String id = call.param("id");
        OutboundMessage m = call.context().requireDispatcher().log().message(id)
                .orElseThrow(() -> ApiException.notFound("message '" + id + "' does not exist"));
        call.authorize(action, resource(call, m, new HashMap<>()));
        return m;
    }

    private static AdminResource resource(AdminCall call, OutboundMessage m, Map<String, Optional<String>> tenants) {
        return AdminResource.entry(KIND, m.id(), tenantOf(call, m.subscriptionId(), tenants));
    }

    /** A subscription named in a query, existing or not (its messages may outlive it). */
    private static AdminResource subscriptionResource(AdminCall call, String id, Map<String, Optional<String>> tenants) {
        return AdminResource.entry(SubscriptionRoutes.KIND, id, tenantOf(call, id, tenants));
    }

    private static String tenantOf(AdminCall call, String subscriptionId, Map<String, Optional<String>> cache) {
        return cache.computeIfAbsent(subscriptionId, id -> call.context().requireDispatcher().subscriptions().get(id)
                .flatMap(Subscription::tenant)).orElse(null);
    }

    static MessageQuery.State state(String value) {
        try {
            return MessageQuery.State.fromId(value);
        } catch (ConfigurationException e) {
            throw ApiException.invalidParameter("status", "must be one of pending, failed, delivered, dead but was '" + value + "'");
        }
    }

    private static int limit(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MessageQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidParameter("limit", "must be a whole number from 1 to " + MessageQuery.MAX_LIMIT);
    }

    private static ApiException storeFull() {
        return new ApiException(503, "store_full", "the outbox holds as many pending messages as it may; retry later",
                Map.of("Retry-After", "5"));
    }
}
