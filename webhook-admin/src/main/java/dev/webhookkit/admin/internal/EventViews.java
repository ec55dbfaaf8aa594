package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.core.ActionOutcome;
import dev.webhookkit.core.EventRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Event records as API JSON: a summary for lists, the detail for one event. */
final class EventViews {
    private EventViews() {
    }

    /** {@code {"id","endpoint","receivedAt","reason","status","eventType","alerts"}}. */
    static ObjectNode summary(EventRecord r) {
        ObjectNode n = Json.object();
        n.put("id", r.eventId());
        n.put("endpoint", r.endpoint());
        n.put("receivedAt", r.receivedAt().toString());
        n.put("reason", r.reason().name());
        n.put("status", r.status());
        n.put("eventType", r.eventType());
        n.set("alerts", Json.MAPPER.valueToTree(r.alerts()));
        return n;
    }

    /**
     * The summary plus what explains the outcome: error, matched key, delivery key, client address,
     * duration, the rendered message, {@code verified}, {@code replayOf}, the headers as recorded
     * (credentials already replaced by {@code [redacted]} by the receiver; name → list of values),
     * the body (UTF-8 text, or base64 with {@code "bodyEncoding":"base64"} when it is not text), and
     * the handler's {@code actions} as {@code [{"name","status","detail","durationMs"}]}.
     */
    static ObjectNode detail(EventRecord r) {
        ObjectNode n = summary(r);
        n.put("verified", r.verified());
        if (r.replayOf().isEmpty()) {
            n.putNull("replayOf");
        } else {
            n.put("replayOf", r.replayOf());
        }
        ObjectNode headers = n.putObject("headers");
        for (String name : r.headers().names()) {
            com.fasterxml.jackson.databind.node.ArrayNode values = headers.putArray(name);
            r.headers().all(name).forEach(values::add);
        }
        n.put("error", r.error());
        n.put("matchedKeyId", r.matchedKeyId());
        n.put("deliveryKey", r.deliveryKey());
        n.put("remoteAddress", r.remoteAddress());
        n.put("durationMs", r.duration().toMillis());
        n.put("message", r.message());
        String text = utf8(r.body());
        if (text != null) {
            n.put("body", text);
            n.put("bodyEncoding", "utf-8");
        } else {
            n.put("body", Base64.getEncoder().encodeToString(r.body()));
            n.put("bodyEncoding", "base64");
        }
        n.put("bodyTruncated", r.bodyTruncated());
        com.fasterxml.jackson.databind.node.ArrayNode actions = n.putArray("actions");
        for (ActionOutcome a : r.actions()) {
            ObjectNode an = actions.addObject();
            an.put("name", a.name());
            an.put("status", a.status().id()); // ok, failed, skipped: the stored form
            an.put("detail", a.detail());
            an.put("durationMs", a.duration().toMillis());
        }
        return n;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
