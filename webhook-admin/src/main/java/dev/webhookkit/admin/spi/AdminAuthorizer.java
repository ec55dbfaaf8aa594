package dev.webhookkit.admin.spi;

import dev.webhookkit.admin.AdminRequest;
import dev.webhookkit.admin.BearerTokenAuthorizer;

/**
 * Decides whether an admin request may do an action on a resource. The admin API asks before it
 * reads or changes anything, so a refusal leaves no trace. There is no default: an
 * {@link dev.webhookkit.admin.AdminApi} without an authorizer does not build, and running without
 * access control takes the explicit {@link #allowAll()}.
 *
 * <p>Implementations must be thread-safe, compare credentials in constant time and never log them.
 */
@FunctionalInterface
public interface AdminAuthorizer {

    /**
     * @param request the request, for its credentials (headers); its body is not parsed yet
     * @param action what it wants to do
     * @param resource a collection (asked first) or one entry of it, with the entry's tenant
     */
    AdminDecision authorize(AdminRequest request, AdminAction action, AdminResource resource);

    /**
     * Lets every request do everything, across all tenants. Only for an API that something else
     * protects (bound to 127.0.0.1 in a test, behind an authenticating proxy).
     */
    static AdminAuthorizer allowAll() {
        return AllowAll.INSTANCE;
    }

    /** Bearer tokens, each for one tenant or for all: see {@link BearerTokenAuthorizer}. */
    static BearerTokenAuthorizer.Builder bearerTokens() {
        return BearerTokenAuthorizer.builder();
    }

    /** The {@link #allowAll()} authorizer. */
    enum AllowAll implements AdminAuthorizer {
        INSTANCE;

        @Override
        public AdminDecision authorize(AdminRequest request, AdminAction action, AdminResource resource) {
            return AdminDecision.ALLOW;
        }
    }
}
