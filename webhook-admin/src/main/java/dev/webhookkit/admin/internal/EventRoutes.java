package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.RateLimitDecision;
import dev.webhookkit.core.ReplayRefusedException;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /events}: the event history, newest first, one event, and replay. An event belongs to
 * the tenant its endpoint had when the event was recorded ({@link EventRecord#tenant()}), so a
 * name deleted and taken by another tenant does not hand over its history.
 */
public final class EventRoutes {
    static final String KIND = "events";
    /** Store pages (of {@link EventQuery#MAX_LIMIT}) one list request reads at most while skipping events the caller may not see. */
    static final int MAX_SCANNED_PAGES = 20;

    private EventRoutes() {
    }

    /**
     * {@code ?endpoint=&reason=&since=&until=&limit=&cursor=} → {@code {"items":[…],"next"}}. For a
     * tenant's caller, other tenants' events are skipped: the log is read on (at most
     * {@link #MAX_SCANNED_PAGES} pages of it per request) until {@code limit} visible events are
     * found, and {@code next} is the position of the last event shown — or, when none was found in
     * that much of the log, a position by time that names no event. A filter by another tenant's
     * endpoint finds nothing, like one by an endpoint that does not exist.
     */
    public static AdminResponse list(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery("endpoint", "reason", "since", "until", "limit", "cursor");
        EventQuery query = EventQuery.all();
        Optional<String> endpoint = call.query("endpoint");
        if (endpoint.isPresent()) {
            query = parameter("endpoint", query, q -> q.withEndpoint(endpoint.get()));
        }
        Optional<String> reason = call.query("reason");
        if (reason.isPresent()) {
            query = query.withReason(reason(reason.get()));
        }
        Optional<String> since = call.query("since");
        if (since.isPresent()) {
            Instant at = instant("since", since.get());
            query = parameter("since", query, q -> q.withSince(at));
        }
        Optional<String> until = call.query("until");
        if (until.isPresent()) {
            Instant at = instant("until", until.get());
            query = parameter("until", query, q -> q.withUntil(at));
        }
        int limit = call.query("limit").map(EventRoutes::limit).orElse(EventQuery.DEFAULT_LIMIT);
        Optional<String> cursor = call.query("cursor");
        EventLog log = call.context().requireEventLog();
        List<EventRecord> visible = new ArrayList<>();
        EventRecord lastScanned = null;
        String storeCursor = cursor.orElse(null);
        boolean exhausted = false;
        boolean more = false;
        scan:
        for (int scanned = 0; scanned < MAX_SCANNED_PAGES; scanned++) {
            // One more than asked first (enough when everything is visible), then large pages while skipping.
            int size = scanned == 0 ? Math.min(limit + 1, EventQuery.MAX_LIMIT) : EventQuery.MAX_LIMIT;
            Page<EventRecord> page = page(log, query.withLimit(size).withCursor(storeCursor));
            for (EventRecord r : page.items()) {
                if (!call.allows(AdminAction.READ, resource(r))) {
                    lastScanned = r;
                    continue;
                }
                if (visible.size() == limit) {
                    more = true;
                    break scan;
                }
                visible.add(r);
                lastScanned = r;
            }
            if (page.next() == null) {
                exhausted = true;
                break;
            }
            storeCursor = page.next();
        }
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        visible.forEach(r -> items.add(EventViews.summary(r)));
        if (more || (!exhausted && !visible.isEmpty())) {
            body.put("next", EventQuery.cursorAfter(visible.get(visible.size() - 1)));
        } else if (!exhausted && lastScanned != null) {
            body.put("next", EventQuery.cursorAtOrBefore(lastScanned.receivedAt()));
        } else {
            body.putNull("next");
        }
        return Responses.ok(body);
    }

    private static Page<EventRecord> page(EventLog log, EventQuery query) {
        try {
            return log.querySummaries(query);
        } catch (ConfigurationException e) {
            throw ApiException.invalidParameter("cursor", "not a cursor this event log handed out");
        } catch (UnsupportedOperationException e) {
            throw ApiException.notConfigured("this admin API's event log does not answer queries");
        }
    }

    /** A filter the query refuses (out of range, a NUL) is the parameter's 400, not a 422 or a store's 500. */
    private static EventQuery parameter(String name, EventQuery query, java.util.function.UnaryOperator<EventQuery> with) {
        try {
            return with.apply(query);
        } catch (ConfigurationException e) {
            throw ApiException.invalidParameter(name, "out of range or holding a character no event has");
        }
    }

    public static AdminResponse get(AdminCall call) {
        EventRecord r = load(call, AdminAction.READ);
        return Responses.ok(EventViews.detail(r));
    }

    /**
     * Runs the event through its endpoint's pipeline again (skipping guard, verify, handshake and
     * dedup) and answers the new event: 404 for an unknown id (or another tenant's), 429 with
     * Retry-After past the endpoint's replay budget, 409 {@code replay_refused} when the receiver
     * will not (never verified, body not kept whole, endpoint gone, disabled or now another
     * tenant's, its key retired, accepted unsigned into an endpoint that now verifies).
     */
    public static AdminResponse replay(AdminCall call) {
        EventRecord original = load(call, AdminAction.EXECUTE); // authorized on the tenant recorded with the event
        WebhookReceiver receiver = call.context().requireReceiver();
        AdminLimits limits = call.context().limits();
        RateLimitDecision budget = limits.replayLimiter().tryAcquire("admin-replay:" + original.endpoint(), limits.replayBudget());
        if (!budget.allowed()) {
            long seconds = Math.max(1, (budget.retryAfter().toMillis() + 999) / 1000);
            throw new ApiException(429, "replay_budget_exhausted", "endpoint '" + original.endpoint() + "' takes at most "
                    + limits.replayBudget().permits() + " replays per " + limits.replayBudget().period().toSeconds() + " s; retry later",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        ReceiveResult result;
        try {
            result = receiver.replay(original.eventId());
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
        String missing = "event '" + id + "' does not exist";
        EventRecord r = call.context().requireEventLog().find(id).orElseThrow(() -> ApiException.notFound(missing));
        call.authorizeEntry(action, resource(r), missing);
        return r;
    }

    /** An event is its recorded tenant's, whoever owns the endpoint's name now. */
    static AdminResource resource(EventRecord r) {
        return AdminResource.entry(KIND, r.eventId(), r.tenant().isEmpty() ? null : r.tenant());
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
            Instant at = Instant.parse(value);
            EventQuery.checkTime(name, at);
            return at;
        } catch (DateTimeParseException | ConfigurationException e) {
            throw ApiException.invalidParameter(name, "must be an ISO-8601 instant such as 2026-12-03T18:00:00Z, between "
                    + EventQuery.MIN_TIME + " and " + EventQuery.MAX_TIME);
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
