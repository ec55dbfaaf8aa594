package dev.webhookkit.admin.internal;

import dev.webhookkit.admin.AdminRequest;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.admin.spi.AdminDecision;
import dev.webhookkit.admin.spi.AdminResource;
import java.util.List;
import java.util.Locale;

/**
 * What is decided before a body is read, on the request line and headers alone, in this order: who
 * is asking (401 — before anything that would tell a stranger which routes exist or what they take),
 * a browser's cross-site request (403), the path (400, 404, 405), the Content-Type of every request
 * that can change something and names a type or may carry a body (415), an announced body over the limit (413).
 */
public final class Preflight {
    private Preflight() {
    }

    /**
     * @param announcedLength the Content-Length the client announced (the body's length when it is read already), -1 when none
     * @return the matched route
     * @throws ApiException the refusal
     */
    public static Router.Match check(Router router, AdminAuthorizer authorizer, AdminRequest request, int maxBodyBytes,
            long announcedLength) {
        // The authorizer sees only headers here; the route asks again about what it touches.
        String kind = firstSegment(request.path());
        if (authorizer.authorize(request, AdminAction.READ, AdminResource.collection(kind)) == AdminDecision.UNAUTHENTICATED) {
            throw ApiException.unauthenticated();
        }
        if (request.header("Sec-Fetch-Site").map(v -> v.trim().equalsIgnoreCase("cross-site")).orElse(false)) {
            throw new ApiException(403, "forbidden", "cross-site requests are refused");
        }
        Router.Match match = router.match(request.method(), PathSegments.decode(request.path()));
        boolean write = !request.method().equals("GET") && !request.method().equals("HEAD");
        java.util.Optional<String> type = request.header("Content-Type");
        // A write that names a type, or may carry a body, must be JSON; an HTML form always names its
        // type, so this also refuses cross-site form posts with no body. A bare DELETE or POST (curl
        // -X DELETE) names none and carries nothing: it is let through.
        boolean mayCarryBody = announcedLength > 0 || (announcedLength < 0 && request.header("Transfer-Encoding").isPresent());
        if (write && (type.isPresent() || mayCarryBody) && !isJson(type.orElse(""))) {
            throw ApiException.unsupportedMediaType();
        }
        if (announcedLength > maxBodyBytes) {
            throw ApiException.tooLarge(maxBodyBytes);
        }
        return match;
    }

    private static String firstSegment(String rawPath) {
        List<String> segments = PathSegments.split(rawPath);
        return segments.isEmpty() ? "" : segments.get(0);
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
