package dev.webhookkit.admin.internal;

import dev.webhookkit.admin.AdminResponse;

/** One route's code: answers a call or throws an {@link ApiException}. */
@FunctionalInterface
public interface RouteHandler {
    AdminResponse handle(AdminCall call);
}
