package dev.webhookkit.admin;

import dev.webhookkit.admin.internal.AdminCall;
import dev.webhookkit.admin.internal.AdminLimits;
import dev.webhookkit.admin.internal.Preflight;
import dev.webhookkit.admin.internal.AdminContext;
import dev.webhookkit.admin.internal.ApiException;
import dev.webhookkit.admin.internal.EndpointRoutes;
import dev.webhookkit.admin.internal.EventRoutes;
import dev.webhookkit.admin.internal.HealthRoutes;
import dev.webhookkit.admin.internal.MessageRoutes;
import dev.webhookkit.admin.internal.OpenApiRoutes;
import dev.webhookkit.admin.internal.OutboundSettings;
import dev.webhookkit.admin.internal.PathSegments;
import dev.webhookkit.admin.internal.Responses;
import dev.webhookkit.admin.internal.Router;
import dev.webhookkit.admin.internal.StatsRoutes;
import dev.webhookkit.admin.internal.SubscriptionRoutes;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.admin.spi.HealthCheck;
import dev.webhookkit.core.AlreadyExistsException;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.DependencyUnavailableException;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.NotFoundException;
import dev.webhookkit.core.RateLimit;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.outbound.SsrfGuard;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, independent of any HTTP server: {@link #handle} takes an {@link AdminRequest} and
 * answers an {@link AdminResponse}. Mount it with {@link AdminServlet} (Jakarta Servlet) or
 * {@link AdminHttpHandler} (JDK {@code HttpServer}); paths are relative to the mount point
 * ({@code /admin}). See {@code docs/admin.md} for every route.
 *
 * <pre>{@code
 * AdminApi api = AdminApi.builder()
 *     .receiver(receiver)                     // its registry, event log, and replay
 *     .dispatcher(dispatcher)                 // optional: the outbound routes
 *     .authorizer(BearerTokenAuthorizer.builder().allTenantsToken(token).build())
 *     .build();
 * }</pre>
 *
 * <p>Every answer that is not a success is {@code {"error":{"code","message"}}}: 400
 * ({@code malformed_json}, {@code invalid_parameter}, {@code invalid_path}), 401
 * {@code unauthenticated}, 403 {@code forbidden}, 404 {@code not_found}, 405
 * {@code method_not_allowed}, 409 ({@code already_exists}, {@code replay_refused}), 413
 * {@code body_too_large}, 415 {@code unsupported_media_type}, 422 {@code invalid_field}, 501
 * {@code not_configured} (a route whose backing part — dispatcher, event log, receiver — the API
 * was built without), 503 {@code dependency_unavailable}, 500 {@code internal_error} (logged here,
 * never described to the caller). No answer holds a stack trace or a secret.
 *
 * <p>Immutable and thread-safe.
 */
public final class AdminApi {
    /** Default request body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Default ceiling on an endpoint's {@code maxBodyBytes} set over the API: 10 MiB. */
    public static final int DEFAULT_MAX_ENDPOINT_BODY_BYTES = 10 * 1024 * 1024;
    /** Default replay budget per endpoint: 60 a minute. */
    public static final RateLimit DEFAULT_REPLAY_BUDGET = RateLimit.perMinute(60);

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    /**
     * One route of the API.
     *
     * @param method the HTTP method
     * @param path the path template below the mount point, {@code /endpoints/{name}}
     */
    public record Route(String method, String path) {
    }

    private final AdminContext context;
    private final Router router;
    private final int maxBodyBytes;

    private AdminApi(Builder b, AdminContext context) {
        this.context = context;
        this.maxBodyBytes = b.maxBodyBytes;
        this.router = routes(new Router());
    }

    /** The route table: one line per route, so it can be read (and checked against openapi.json) at a glance. */
    private static Router routes(Router r) {
        // Inbound: endpoints
        r.add("GET", "/endpoints", EndpointRoutes::list);
        r.add("POST", "/endpoints", EndpointRoutes::create);
        r.add("GET", "/endpoints/{name}", EndpointRoutes::get);
        r.add("PUT", "/endpoints/{name}", EndpointRoutes::replace);
        r.add("PATCH", "/endpoints/{name}", EndpointRoutes::patch);
        r.add("DELETE", "/endpoints/{name}", EndpointRoutes::delete);
        r.add("POST", "/endpoints/{name}/secrets", EndpointRoutes::rotateSecret);
        // Inbound: events
        r.add("GET", "/events", EventRoutes::list);
        r.add("GET", "/events/{id}", EventRoutes::get);
        r.add("POST", "/events/{id}/replay", EventRoutes::replay);
        // Outbound: subscriptions, messages, health (h-adminout)
        r.add("GET", "/subscriptions", SubscriptionRoutes::list);
        r.add("POST", "/subscriptions", SubscriptionRoutes::create);
        r.add("GET", "/subscriptions/{id}", SubscriptionRoutes::get);
        r.add("PUT", "/subscriptions/{id}", SubscriptionRoutes::replace);
        r.add("PATCH", "/subscriptions/{id}", SubscriptionRoutes::patch);
        r.add("DELETE", "/subscriptions/{id}", SubscriptionRoutes::delete);
        r.add("POST", "/subscriptions/{id}/test", SubscriptionRoutes::test);
        r.add("GET", "/subscriptions/{id}/health", SubscriptionRoutes::health);
        r.add("POST", "/messages", MessageRoutes::publish);
        r.add("GET", "/messages", MessageRoutes::list);
        r.add("POST", "/messages/redeliver", MessageRoutes::redeliverAll);
        r.add("GET", "/messages/{id}", MessageRoutes::get);
        r.add("GET", "/messages/{id}/attempts", MessageRoutes::attempts);
        r.add("POST", "/messages/{id}/redeliver", MessageRoutes::redeliver);
        r.add("GET", "/stats", StatsRoutes::get);
        r.add("GET", "/health", HealthRoutes::get);
        r.add("GET", "/openapi.json", OpenApiRoutes::get);
        return r;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Answers one request; never throws for anything a client can send. */
    public AdminResponse handle(AdminRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            Router.Match match = Preflight.check(router, context.authorizer(), request, maxBodyBytes, request.body().length);
            if (request.body().length > maxBodyBytes) {
                throw ApiException.tooLarge(maxBodyBytes);
            }
            return match.route().handler().handle(new AdminCall(request, match.params(), context));
        } catch (ApiException e) {
            return Responses.error(e);
        } catch (ConfigurationException e) {
            // InvalidFieldException names the field; builders' own messages name the setting. Neither quotes a secret.
            return Responses.error(ApiException.invalidField(e.getMessage()));
        } catch (AlreadyExistsException e) {
            return Responses.error(ApiException.conflict("already_exists", e.getMessage()));
        } catch (NotFoundException e) {
            return Responses.error(ApiException.notFound(e.getMessage()));
        } catch (DependencyUnavailableException e) {
            LOG.warn("admin {} {}: a dependency is unavailable: {}", request.method(), request.path(), e.toString());
            return Responses.error(new ApiException(503, "dependency_unavailable", "a store the API depends on is unavailable; retry later"));
        } catch (RuntimeException e) {
            LOG.error("admin {} {} failed", request.method(), request.path(), e);
            return Responses.error(new ApiException(500, "internal_error", "the request failed; the server log has the details"));
        }
    }

    /**
     * What adapters ask before reading a body: the refusal decided on the request line and headers
     * alone (401, 403 cross-site, 400 path, 404, 405, 415, 413 for an announced length), or null to
     * go on and read it. {@code request} has no body yet.
     */
    AdminResponse refuseBeforeBody(AdminRequest request, long announcedLength) {
        try {
            Preflight.check(router, context.authorizer(), request, maxBodyBytes, announcedLength);
            return null;
        } catch (ApiException e) {
            return Responses.error(e);
        } catch (RuntimeException e) {
            LOG.error("admin {} {} failed before its body was read", request.method(), request.path(), e);
            return Responses.error(new ApiException(500, "internal_error", "the request failed; the server log has the details"));
        }
    }

    /** The 413 answer adapters give without reading a body they know is too large. */
    AdminResponse bodyTooLarge() {
        return Responses.error(ApiException.tooLarge(maxBodyBytes));
    }

    /** The 404 answer for a path outside the API's mount point. */
    AdminResponse notFound() {
        return Responses.error(ApiException.notFound("no such resource"));
    }

    /** Every route, in table order. */
    public List<Route> routes() {
        return router.routes().stream().map(r -> new Route(r.method(), r.template())).toList();
    }

    /** The largest request body taken; larger ones are answered 413. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The endpoint codec the API reads and writes endpoints with. */
    public EndpointJson endpointJson() {
        return context.endpointJson();
    }

    @Override
    public String toString() {
        return "AdminApi[" + router.routes().size() + " routes, " + context.authorizer() + "]";
    }

    /** Collects the API's parts; not thread-safe. */
    public static final class Builder {
        private WebhookReceiver receiver;
        private EndpointRegistry endpoints;
        private EventLog eventLog;
        private WebhookDispatcher dispatcher;
        private AdminAuthorizer authorizer;
        private Clock clock = Clock.systemUTC();
        private EndpointJson endpointJson = EndpointJson.defaults();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private SsrfGuard urlGuard = SsrfGuard.strict();
        private final Map<String, HealthCheck> healthChecks = new LinkedHashMap<>();
        private int maxEndpointBodyBytes = DEFAULT_MAX_ENDPOINT_BODY_BYTES;
        private RateLimit replayBudget = DEFAULT_REPLAY_BUDGET;
        private RateLimiter replayLimiter;

        private Builder() {
        }

        /** The receiver: its registry and event log unless set apart, and the replays. */
        public Builder receiver(WebhookReceiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /** The endpoints; default: the receiver's. */
        public Builder endpoints(EndpointRegistry endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
            return this;
        }

        /** The event history; default: the receiver's. Without one the event routes answer 501. */
        public Builder eventLog(EventLog eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
            return this;
        }

        /** The outbound dispatcher; without one the subscription, message and health routes answer 501 {@code not_configured}. */
        public Builder dispatcher(WebhookDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /** Who may do what; required (use {@link AdminAuthorizer#allowAll()} to opt out of access control explicitly). */
        public Builder authorizer(AdminAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** The time secrets' validity and rotation grace are measured by; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How endpoints are read and written, and the handler created endpoints get; default {@link EndpointJson#defaults()}. */
        public Builder endpointJson(EndpointJson endpointJson) {
            this.endpointJson = Objects.requireNonNull(endpointJson, "endpointJson");
            return this;
        }

        /** The request body limit; default {@link #DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How subscription URLs are checked before they are stored; default {@link SsrfGuard#strict()}
         * (no loopback, private, link-local or metadata address). Use the dispatcher's own guard.
         */
        public Builder urlGuard(SsrfGuard urlGuard) {
            this.urlGuard = Objects.requireNonNull(urlGuard, "urlGuard");
            return this;
        }

        /**
         * The largest {@code maxBodyBytes} an endpoint may be given over the API (or a definition
         * file read by it); larger is 422 naming the field. Default {@link #DEFAULT_MAX_ENDPOINT_BODY_BYTES}:
         * every request to an endpoint may make the server buffer that much.
         */
        public Builder maxEndpointBodyBytes(int maxEndpointBodyBytes) {
            this.maxEndpointBodyBytes = maxEndpointBodyBytes;
            return this;
        }

        /**
         * Lets subscriptions target loopback and private-network addresses (for local testing;
         * link-local and cloud-metadata addresses stay refused); default off. Replaces {@link #urlGuard}.
         */
        public Builder allowPrivateTargets(boolean allow) {
            this.urlGuard = allow ? SsrfGuard.builder().allowLoopback().allowPrivateNetworks().build() : SsrfGuard.strict();
            return this;
        }

        /** Adds a check to {@code GET /health} ({@code "redis"} …); a name may be used once. */
        public Builder healthCheck(String name, HealthCheck check) {
            Objects.requireNonNull(check, "check");
            if (Objects.requireNonNull(name, "name").isBlank() || name.equals("store") || name.equals("dispatcher")) {
                throw new ConfigurationException("health check name must not be blank, 'store' or 'dispatcher' but was '" + name + "'");
            }
            if (healthChecks.putIfAbsent(name, check) != null) {
                throw new ConfigurationException("health check '" + name + "' is registered twice");
            }
            return this;
        }

        /**
         * How many replays one endpoint takes (across callers); more are 429 with Retry-After. A replay
         * skips the endpoint's own rate limit, so this bounds what an admin token can make the handler
         * do. Default {@link #DEFAULT_REPLAY_BUDGET}.
         */
        public Builder replayBudget(RateLimit replayBudget) {
            this.replayBudget = Objects.requireNonNull(replayBudget, "replayBudget");
            return this;
        }

        /** Where the replay budget is kept; default an in-memory limiter on {@link #clock}. Share one (Redis) across instances. */
        public Builder replayLimiter(RateLimiter replayLimiter) {
            this.replayLimiter = Objects.requireNonNull(replayLimiter, "replayLimiter");
            return this;
        }

        /** @throws ConfigurationException without an authorizer, without endpoints (or a receiver), or for a limit ≤ 0 */
        public AdminApi build() {
            if (authorizer == null) {
                throw new ConfigurationException("the admin API needs an authorizer: set authorizer(BearerTokenAuthorizer...), "
                        + "or run it open explicitly with authorizer(AdminAuthorizer.allowAll())");
            }
            EndpointRegistry registry = endpoints != null ? endpoints : receiver != null ? receiver.registry() : null;
            if (registry == null) {
                throw new ConfigurationException("the admin API needs endpoints(registry) or receiver(receiver)");
            }
            if (maxBodyBytes <= 0) {
                throw new ConfigurationException("maxBodyBytes must be > 0 but was " + maxBodyBytes);
            }
            if (maxEndpointBodyBytes <= 0) {
                throw new ConfigurationException("maxEndpointBodyBytes must be > 0 but was " + maxEndpointBodyBytes);
            }
            EventLog log = eventLog != null ? eventLog : receiver != null ? receiver.eventLog() : null;
            AdminLimits limits = new AdminLimits(maxEndpointBodyBytes, replayBudget,
                    replayLimiter != null ? replayLimiter : RateLimiter.inMemory(clock));
            return new AdminApi(this, new AdminContext(registry, log, receiver, dispatcher, authorizer, clock, endpointJson, limits,
                    new OutboundSettings(urlGuard, healthChecks)));
        }
    }
}
