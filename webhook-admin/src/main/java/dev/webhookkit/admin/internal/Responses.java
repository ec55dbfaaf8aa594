package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.admin.AdminResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shapes of the API's answers. */
public final class Responses {
    private static final Map<String, String> COMMON = Map.of(
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    private Responses() {
    }

    public static AdminResponse json(int status, JsonNode body) {
        return json(status, body, Map.of());
    }

    public static AdminResponse json(int status, JsonNode body, Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(COMMON);
        h.put("Content-Type", "application/json");
        h.putAll(headers);
        return new AdminResponse(status, h, Json.write(body));
    }

    public static AdminResponse ok(JsonNode body) {
        return json(200, body);
    }

    public static AdminResponse noContent() {
        return new AdminResponse(204, COMMON, new byte[0]);
    }

    public static AdminResponse error(ApiException e) {
        return json(e.status(), Json.error(e.code(), e.getMessage()), e.headers());
    }

    /** A path segment percent-encoded for a Location header (names are plain, but ids need not be). */
    public static String encodeSegment(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
