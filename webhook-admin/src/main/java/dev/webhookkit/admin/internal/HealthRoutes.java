package dev.webhookkit.admin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.admin.AdminResponse;
import dev.webhookkit.admin.spi.AdminAction;
import dev.webhookkit.admin.spi.AdminResource;
import dev.webhookkit.admin.spi.HealthCheck;
import dev.webhookkit.outbound.DispatcherHealth;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: {@code {"status":"up"|"down","checks":{name:{"status",…}}}}, 200 when every
 * check is up and 503 when one is down. With a dispatcher, {@code store} says whether its outbox
 * answers and {@code dispatcher} whether it runs, its backlog and the age of the oldest queued
 * message; then the host's own checks ({@code redis} …) in the order registered.
 */
public final class HealthRoutes {
    static final String KIND = "health";
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private HealthRoutes() {
    }

    public static AdminResponse get(AdminCall call) {
        call.authorize(AdminAction.READ, AdminResource.collection(KIND));
        call.allowOnlyQuery();
        ObjectNode body = Json.object();
        body.put("status", "up");
        ObjectNode checks = body.putObject("checks");
        boolean healthy = true;
        if (call.context().dispatcherValue().isPresent()) {
            DispatcherHealth h = call.context().dispatcherValue().get().health();
            ObjectNode store = checks.putObject("store");
            store.put("status", h.storeReachable() ? "up" : "down");
            h.storeError().ifPresent(e -> store.put("detail", e));
            ObjectNode dispatcher = checks.putObject("dispatcher");
            dispatcher.put("status", h.running() ? "up" : "down");
            if (!h.running()) {
                dispatcher.put("detail", "closed: takes no events");
            }
            if (h.backlog() >= 0) {
                dispatcher.put("backlog", h.backlog());
            } else {
                dispatcher.putNull("backlog");
            }
            if (h.oldestPendingAge().isPresent()) {
                dispatcher.put("oldestPendingAgeSeconds", h.oldestPendingAge().get().toSeconds());
            } else {
                dispatcher.putNull("oldestPendingAgeSeconds");
            }
            healthy = h.healthy();
        }
        for (Map.Entry<String, HealthCheck> e : call.context().outbound().healthChecks().entrySet()) {
            HealthCheck.Result result = run(e.getKey(), e.getValue());
            ObjectNode check = checks.putObject(e.getKey());
            check.put("status", result.healthy() ? "up" : "down");
            if (!result.detail().isEmpty()) {
                check.put("detail", result.detail());
            }
            healthy &= result.healthy();
        }
        if (!healthy) {
            body.put("status", "down");
        }
        return Responses.json(healthy ? 200 : 503, body);
    }

    /** A throwing check is down, described by its exception's type: the message may hold a connection string. */
    private static HealthCheck.Result run(String name, HealthCheck check) {
        try {
            HealthCheck.Result r = check.check();
            return r != null ? r : HealthCheck.Result.down("the check answered nothing");
        } catch (RuntimeException e) {
            LOG.warn("health check '{}' failed: {}", name, e.getClass().getName());
            return HealthCheck.Result.down(e.getClass().getSimpleName());
        }
    }
}
