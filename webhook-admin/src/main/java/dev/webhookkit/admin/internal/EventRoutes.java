package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.ReplayRefusedException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /events}: the event history, newest first, one event, and replay. An event belongs to
 * the tenant of its endpoint; events of an endpoint that no longer exists belong to no tenant.
 */
public final class EventRoutes {
    static final String KIND = "events";

    private EventRoutes() {
    }

    /**
     * {@code ?endpoint=&reason=&since=&until=&limit=&cursor=} → {@code {"items":[…],"next"}}. For a
     * tenant's caller, events of other tenants are left out of the page, which may then hold fewer
     * than {@code limit} items while {@code next} still continues the search.
     */
    public static AdminResponse list(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery("endpoint", "reason", "since", "until", "limit", "cursor");
        EventQuery query = EventQuery.all();
        Optional<String> endpoint = call.query("endpoint");
        if (endpoint.isPresent()) {
            // Asking for one endpoint's events is asking to read that endpoint's history.
            call.authorize(AdminAction.READ, AdminResource.entry(KIND, endpoint.get(), tenantOf(call, endpoint.get(), new HashMap<>())));
            query = query.withEndpoint(endpoint.get());
        }
        Optional<String> reason = call.query("reason");
        if (reason.isPresent()) {
            query = query.withReason(reason(reason.get()));
        }
        Optional<String> since = call.query("since");
        if (since.isPresent()) {
            query = query.withSince(instant("since", since.get()));
        }
        Optional<String> until = call.query("until");
        if (until.isPresent()) {
            query = query.withUntil(instant("until", until.get()));
        }
        Optional<String> limit = call.query("limit");
        if (limit.isPresent()) {
            query = query.withLimit(limit(limit.get()));
        }
        Optional<String> cursor = call.query("cursor");
        if (cursor.isPresent()) {
            query = query.withCursor(cursor.get());
        }
        Page<EventRecord> page;
        try {
            page = call.context().requireEventLog().query(query);
        } catch (ConfigurationException e) {
            throw ApiException.invalidParameter("cursor", "not a cursor this event log handed out");
        } catch (UnsupportedOperationException e) {
            throw ApiException.notConfigured("this admin API's event log does not answer queries");
        }
        Map<String, String> tenants = new HashMap<>();
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (EventRecord r : page.items()) {
            if (call.allows(AdminAction.READ, AdminResource.entry(KIND, r.eventId(), tenantOf(call, r.endpoint(), tenants)))) {
                items.add(EventViews.summary(r));
            }
        }
        if (page.next() == null) {
            body.putNull("next");
        } else {
            body.put("next", page.next());
        }
        return Responses.ok(body);
    }

    public static AdminResponse get(AdminCall call) {
        EventRecord r = load(call, AdminAction.READ);
        return Responses.ok(EventViews.detail(r));
    }

    /**
     * Runs the event through its endpoint's pipeline again (skipping guard, verify, handshake and
     * dedup) and answers the new event: 404 for an unknown id, 409 {@code replay_refused} when the
     * receiver will not (never verified, body not kept whole, endpoint gone or disabled).
     */
    public static AdminResponse replay(AdminCall call) {
        EventRecord original = load(call, AdminAction.EXECUTE); // authorized on the endpoint's current tenant
        ReceiveResult result;
        try {
            result = call.context().requireReceiver().replay(original.eventId());
        } catch (NotFoundException e) {
            throw ApiException.notFound("event '" + original.eventId() + "' does not exist");
        } catch (ReplayRefusedException e) {
            throw ApiException.conflict("replay_refused", e.getMessage() + " [" + e.refusal().name() + "]");
        }
        ObjectNode body = call.context().requireEventLog().find(result.eventId())
                .map(EventViews::detail)
                .orElseGet(() -> resultView(result));
        return Responses.ok(body);
    }

    /** When the log does not (yet) hold the new record: what the receiver answered. */
    private static ObjectNode resultView(ReceiveResult result) {
        ObjectNode n = Json.object();
        n.put("id", result.eventId());
        n.put("endpoint", result.endpoint());
        n.put("reason", result.reason().name());
        n.put("status", result.status());
        n.set("alerts", Json.MAPPER.valueToTree(result.alerts()));
        return n;
    }

    private static EventRecord load(AdminCall call, AdminAction action) {
        call.authorize(action, AdminResource.collection(KIND));
        String id = call.param("id");
        EventRecord r = call.context().requireEventLog().find(id)
                .orElseThrow(() -> ApiException.notFound("event '" + id + "' does not exist"));
        call.authorize(action, AdminResource.entry(KIND, r.eventId(), tenantOf(call, r.endpoint(), new HashMap<>())));
        return r;
    }

    private static String tenantOf(AdminCall call, String endpoint, Map<String, String> cache) {
        return cache.computeIfAbsent(endpoint, name -> call.context().endpoints().get(name)
                .flatMap(Endpoint::tenant).orElse(""))
                .transform(t -> t.isEmpty() ? null : t);
    }

    static Reason reason(String value) {
        try {
            return Reason.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("reason", "must be one of " + Arrays.toString(Reason.values()));
        }
    }

    static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidParameter(name, "must be an ISO-8601 instant such as 2026-12-03T18:00:00Z");
        }
    }

    static int limit(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= EventQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidParameter("limit", "must be a whole number from 1 to " + EventQuery.MAX_LIMIT);
    }
}
