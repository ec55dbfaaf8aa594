package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.ReceiveResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes a {@link ReceiveResult} as the HTTP answer. */
public final class ResultResponses {
    /** Response header carrying the pipeline's event id, also when a handler's body replaces the JSON. */
    public static final String EVENT_ID_HEADER = "X-Webhookkit-Event-Id";

    private ResultResponses() {
    }

    /**
     * Status, {@code Retry-After} where the result asks for it, and the handler's (or handshake's)
     * body when there is one, else the small JSON {@code {"status","reason","eventId"}}.
     *
     * @param closeConnection ask the container to close the connection (used when a body was left unread)
     */
    public static void write(HttpServletResponse response, ReceiveResult result, boolean closeConnection) throws IOException {
        response.setStatus(result.status());
        response.setHeader("Cache-Control", "no-store");
        if (!result.eventId().isEmpty()) {
            response.setHeader(EVENT_ID_HEADER, result.eventId());
        }
        result.retryAfterSeconds().ifPresent(seconds -> response.setHeader("Retry-After", Long.toString(seconds)));
        if (closeConnection) {
            response.setHeader("Connection", "close");
        }
        HandlerResponse handlerResponse = result.response();
        byte[] body;
        if (handlerResponse.isEmpty()) {
            body = result.toJson().getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
        } else {
            body = handlerResponse.body();
            response.setContentType(handlerResponse.contentType());
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
