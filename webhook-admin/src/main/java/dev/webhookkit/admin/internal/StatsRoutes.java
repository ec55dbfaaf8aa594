package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.core.EventQuery;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Page;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.outbound.DeliveryAttempt;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /stats?minutes=}: per-minute counts of received events by reason and of delivery
 * attempts by outcome, over the caller's own tenants. Reads at most {@link #MAX_RECORDS} events
 * and as many attempts, newest first, so a busy log costs a bounded read; when the cap is hit
 * the answer says so ({@code truncated}) and from when its counts are whole ({@code completeFrom}).
 */
public final class StatsRoutes {
    static final String KIND = "stats";
    /** The longest window: a day of minutes. */
    public static final int MAX_MINUTES = 1440;
    static final int DEFAULT_MINUTES = 60;
    /** Records of each kind (events, attempts) one request reads at most. */
    public static final int MAX_RECORDS = 5_000;

    private StatsRoutes() {
    }

    public static AdminResponse get(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery("minutes");
        int minutes = call.query("minutes").map(StatsRoutes::minutes).orElse(DEFAULT_MINUTES);
        Instant until = call.context().clock().instant();
        Instant firstMinute = until.truncatedTo(ChronoUnit.MINUTES).minus(minutes - 1L, ChronoUnit.MINUTES);
        Map<Instant, Map<String, Long>> received = new TreeMap<>();
        Map<Instant, Map<String, Long>> delivered = new TreeMap<>();
        ObjectNode body = Json.object();
        body.put("minutes", minutes);
        body.put("from", firstMinute.toString());
        body.put("until", until.toString());
        body.put("maxRecords", MAX_RECORDS);
        ObjectNode truncated = body.putObject("truncated");
        ObjectNode completeFrom = body.putObject("completeFrom");
        Instant inboundFrom = call.context().eventLog() == null ? null : inbound(call, call.context().eventLog(), firstMinute, until, received);
        Instant outboundFrom = call.context().dispatcherValue().map(d -> outbound(call, d, firstMinute, until, delivered)).orElse(null);
        truncated.put("received", inboundFrom != null);
        truncated.put("delivered", outboundFrom != null);
        putInstant(completeFrom, "received", inboundFrom == null ? firstMinute : firstWholeMinuteAfter(inboundFrom));
        putInstant(completeFrom, "delivered", outboundFrom == null ? firstMinute : firstWholeMinuteAfter(outboundFrom));
        ArrayNode buckets = body.putArray("buckets");
        for (int i = 0; i < minutes; i++) {
            Instant minute = firstMinute.plus(i, ChronoUnit.MINUTES);
            ObjectNode b = buckets.addObject();
            b.put("minute", minute.toString());
            counts(b.putObject("received"), received.get(minute));
            counts(b.putObject("delivered"), delivered.get(minute));
        }
        return Responses.ok(body);
    }

    /** Counts the window's visible events; answers the time of the last one read when the cap cut the window short, else null. */
    private static Instant inbound(AdminCall call, EventLog log, Instant from, Instant until, Map<Instant, Map<String, Long>> into) {
        EventQuery query = EventQuery.all().withSince(from).withLimit(EventQuery.MAX_LIMIT);
        String cursor = null;
        int read = 0;
        while (true) {
            Page<EventRecord> page;
            try {
                page = log.querySummaries(query.withCursor(cursor));
            } catch (UnsupportedOperationException e) {
                throw ApiException.notConfigured("this admin API's event log does not answer queries");
            }
            for (EventRecord r : page.items()) {
                if (read == MAX_RECORDS) {
                    return r.receivedAt();
                }
                read++;
                if (!r.receivedAt().isBefore(from) && !r.receivedAt().isAfter(until) && call.allows(AdminAction.READ, EventRoutes.resource(r))) {
                    add(into, r.receivedAt(), r.reason().name());
                }
            }
            if (page.next() == null) {
                return null;
            }
            cursor = page.next();
        }
    }

    /** Counts the window's attempts of the caller's subscriptions, newest first per subscription, within one shared cap. */
    private static Instant outbound(AdminCall call, WebhookDispatcher dispatcher, Instant from, Instant until,
            Map<Instant, Map<String, Long>> into) {
        int budget = MAX_RECORDS;
        Instant cut = null;
        for (Subscription s : dispatcher.subscriptions().list()) {
            if (!call.allows(AdminAction.READ, SubscriptionRoutes.resource(s))) {
                continue;
            }
            if (budget == 0) {
                return until; // subscriptions left unread: no minute is known to be whole
            }
            // One more than the budget tells a full window from a cut one.
            List<DeliveryAttempt> attempts = dispatcher.log().attemptsForSubscription(s.id(), budget + 1);
            int used = 0;
            for (DeliveryAttempt a : attempts) {
                if (a.startedAt().isBefore(from)) {
                    break;
                }
                if (used == budget) {
                    cut = cut == null || a.startedAt().isAfter(cut) ? a.startedAt() : cut;
                    break;
                }
                used++;
                if (!a.startedAt().isAfter(until)) {
                    add(into, a.startedAt(), a.outcome().id());
                }
            }
            // Charge every row read, older ones included: the cap bounds the reading, not only the counting.
            budget = Math.max(0, budget - attempts.size());
        }
        return cut;
    }

    private static void add(Map<Instant, Map<String, Long>> into, Instant at, String key) {
        into.computeIfAbsent(at.truncatedTo(ChronoUnit.MINUTES), m -> new TreeMap<>()).merge(key, 1L, Long::sum);
    }

    private static void counts(ObjectNode node, Map<String, Long> counts) {
        if (counts != null) {
            counts.forEach(node::put);
        }
    }

    /** The minute of the first record not read is only partly counted; every later one is whole. */
    private static Instant firstWholeMinuteAfter(Instant cut) {
        return cut.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    private static void putInstant(ObjectNode node, String field, Instant at) {
        node.put(field, at.toString());
    }

    static int minutes(String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidParameter("minutes", "must be a whole number from 1 to " + MAX_MINUTES);
        }
        if (n < 1 || n > MAX_MINUTES) {
            // A query parameter out of range is 400, like limit's: 422 is for resource fields.
            throw ApiException.invalidParameter("minutes", "must be from 1 to " + MAX_MINUTES + " (one day) but was " + n);
        }
        return n;
    }
}
