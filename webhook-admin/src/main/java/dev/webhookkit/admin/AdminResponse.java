package dev.webhookkit.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link AdminApi#handle} answers: a status, headers and a body (JSON, or empty for 204).
 *
 * @param status the HTTP status
 * @param headers response headers by name (Content-Type among them when there is a body)
 * @param body the body bytes
 */
public record AdminResponse(int status, Map<String, String> headers, byte[] body) {

    public AdminResponse {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(body, "body");
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminResponse r && r.status == status && r.headers.equals(headers) && java.util.Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers) * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "AdminResponse[" + status + ", " + body.length + " bytes]";
    }
}
