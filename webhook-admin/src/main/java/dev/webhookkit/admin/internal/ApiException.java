package dev.webhookkit.admin.internal;

import java.util.Map;

/**
 * An answer other than success: status, machine-readable code and a message for people. Carries no
 * stack trace (it is control flow, never logged as a failure); the message must never hold a secret.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** A query parameter that cannot be used; the message names it. */
    public static ApiException invalidParameter(String name, String detail) {
        return new ApiException(400, "invalid_parameter", name + ": " + detail);
    }

    public static ApiException unauthenticated() {
        return new ApiException(401, "unauthenticated", "credentials are missing or not valid",
                Map.of("WWW-Authenticate", "Bearer realm=\"webhookkit-admin\""));
    }

    public static ApiException forbidden(String kind, String key) {
        return new ApiException(403, "forbidden", key == null ? "not allowed on " + kind : "not allowed on " + kind + " '" + key + "'");
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException methodNotAllowed(String method, String allowed) {
        return new ApiException(405, "method_not_allowed", method + " is not allowed here; allowed: " + allowed, Map.of("Allow", allowed));
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "body_too_large", "the request body is larger than " + maxBytes + " bytes");
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "unsupported_media_type",
                "the request body must be application/json but was '" + (contentType.isEmpty() ? "none" : contentType) + "'");
    }

    public static ApiException invalidField(String message) {
        return new ApiException(422, "invalid_field", message);
    }

    /** A feature whose backing part the API was built without (no dispatcher, no event log). */
    public static ApiException notConfigured(String what) {
        return new ApiException(501, "not_configured", what);
    }
}
