package dev.webhookkit.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/**
 * Decides whether a request may open the {@link WebhookEventStreamServlet event stream}. Called on
 * the container's request thread before anything is streamed; a denied request gets 401 or 403 and
 * no event data. Implementations must be thread-safe and should be quick (no remote calls without
 * a timeout). An authorizer that throws denies the request (500, logged).
 */
@FunctionalInterface
public interface EventStreamAuthorizer {

    /** What an authorizer decided. */
    enum Decision {
        /** Stream to this client. */
        ALLOW,
        /** No or unknown credentials: answered 401. */
        UNAUTHENTICATED,
        /** Known caller that may not see the stream: answered 403. */
        FORBIDDEN
    }

    Decision authorize(HttpServletRequest request);

    /**
     * Uses the container's own authentication (web.xml security constraints, Spring Security):
     * no {@link HttpServletRequest#getUserPrincipal() principal} is UNAUTHENTICATED, a principal
     * without {@code role} is FORBIDDEN.
     */
    static EventStreamAuthorizer requireRole(String role) {
        Objects.requireNonNull(role, "role");
        return request -> request.getUserPrincipal() == null ? Decision.UNAUTHENTICATED
                : request.isUserInRole(role) ? Decision.ALLOW : Decision.FORBIDDEN;
    }
}
