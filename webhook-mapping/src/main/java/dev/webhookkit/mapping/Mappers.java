package dev.webhookkit.mapping;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.spi.PayloadMapper;
import dev.webhookkit.mapping.internal.AppDynamicsMapper;
import dev.webhookkit.mapping.internal.AzureMonitorMapper;
import dev.webhookkit.mapping.internal.BetterUptimeMapper;
import dev.webhookkit.mapping.internal.BitbucketMapper;
import dev.webhookkit.mapping.internal.CloudWatchMapper;
import dev.webhookkit.mapping.internal.DatadogMapper;
import dev.webhookkit.mapping.internal.DynatraceMapper;
import dev.webhookkit.mapping.internal.ElasticMapper;
import dev.webhookkit.mapping.internal.GenericMapper;
import dev.webhookkit.mapping.internal.GitHubMapper;
import dev.webhookkit.mapping.internal.GitLabMapper;
import dev.webhookkit.mapping.internal.GoogleCloudMonitoringMapper;
import dev.webhookkit.mapping.internal.GrafanaMapper;
import dev.webhookkit.mapping.internal.HoneycombMapper;
import dev.webhookkit.mapping.internal.MoxxyMapper;
import dev.webhookkit.mapping.internal.NewRelicMapper;
import dev.webhookkit.mapping.internal.OpsgenieMapper;
import dev.webhookkit.mapping.internal.PagerDutyMapper;
import dev.webhookkit.mapping.internal.PingdomMapper;
import dev.webhookkit.mapping.internal.PrometheusMapper;
import dev.webhookkit.mapping.internal.SentryMapper;
import dev.webhookkit.mapping.internal.SplunkObservabilityMapper;
import dev.webhookkit.mapping.internal.SplunkOnCallMapper;
import dev.webhookkit.mapping.internal.UptimeKumaMapper;
import dev.webhookkit.mapping.internal.UptimeRobotMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The payload mappers by provider id: the built-in ones ({@code prometheus}, {@code grafana} …,
 * {@code webhook} for the generic mapper; see {@link #ids()}) and those users
 * {@link #register register}. Ids are matched case-insensitively; a few common other names are
 * accepted too ({@code alertmanager} for {@code prometheus}, {@code signalfx} for
 * {@code splunk-observability}, {@code victorops} for {@code splunk-oncall}, {@code betteruptime},
 * {@code uptimekuma}, {@code gcp}, {@code generic}).
 *
 * <p>Every mapper returned is new, immutable and thread-safe. The registry is thread-safe: reads
 * take no lock, registrations are serialized.
 */
public final class Mappers {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private static final Map<String, Function<MappingPolicy, PayloadMapper>> BUILT_IN = builtIns();
    private static final Map<String, String> OTHER_NAMES = Map.of(
            "alertmanager", "prometheus",
            "signalfx", "splunk-observability",
            "victorops", "splunk-oncall",
            "betteruptime", "better-uptime",
            "betterstack", "better-uptime",
            "uptimekuma", "uptime-kuma",
            "gcp", "google-cloud-monitoring",
            "generic", "webhook");

    /** Built-ins first, then registered ones in registration order; replaced whole on every change. */
    private static volatile Map<String, Function<MappingPolicy, PayloadMapper>> registry = BUILT_IN;

    private Mappers() {
    }

    private static Map<String, Function<MappingPolicy, PayloadMapper>> builtIns() {
        Map<String, Function<MappingPolicy, PayloadMapper>> m = new LinkedHashMap<>();
        m.put("prometheus", PrometheusMapper::new);
        m.put("grafana", GrafanaMapper::new);
        m.put("datadog", DatadogMapper::new);
        m.put("newrelic", NewRelicMapper::new);
        m.put("sentry", SentryMapper::new);
        m.put("cloudwatch", CloudWatchMapper::new);
        m.put("azure", AzureMonitorMapper::new);
        m.put("google-cloud-monitoring", GoogleCloudMonitoringMapper::new);
        m.put("dynatrace", DynatraceMapper::new);
        m.put("appdynamics", AppDynamicsMapper::new);
        m.put("splunk-oncall", SplunkOnCallMapper::new);
        m.put("splunk-observability", SplunkObservabilityMapper::new);
        m.put("elastic", ElasticMapper::new);
        m.put("honeycomb", HoneycombMapper::new);
        m.put("uptimerobot", UptimeRobotMapper::new);
        m.put("pingdom", PingdomMapper::new);
        m.put("better-uptime", BetterUptimeMapper::new);
        m.put("uptime-kuma", UptimeKumaMapper::new);
        m.put("github", GitHubMapper::new);
        m.put("bitbucket", BitbucketMapper::new);
        m.put("webhook", GenericMapper::new);
        m.put("gitlab", GitLabMapper::new);
        m.put("pagerduty", PagerDutyMapper::new);
        m.put("opsgenie", OpsgenieMapper::new);
        m.put("moxxy", MoxxyMapper::new);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The mapper for an id with the default policy.
     *
     * @throws ConfigurationException listing the known ids when the id is unknown
     */
    public static PayloadMapper byId(String id) {
        return byId(id, MappingPolicy.defaults());
    }

    /**
     * The mapper for an id with a policy (default severity, aliases …).
     *
     * @throws ConfigurationException listing the known ids when the id is unknown
     */
    public static PayloadMapper byId(String id, MappingPolicy policy) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        Function<MappingPolicy, PayloadMapper> factory = factory(id);
        if (factory == null) {
            throw new ConfigurationException("mapper id must be one of " + ids() + " but was '" + id + "'");
        }
        return create(id, factory, policy);
    }

    /** The mapper for an id with the default policy, or empty for an unknown id. */
    public static Optional<PayloadMapper> find(String id) {
        Objects.requireNonNull(id, "id");
        Function<MappingPolicy, PayloadMapper> factory = factory(id);
        return factory == null ? Optional.empty() : Optional.of(create(id, factory, MappingPolicy.defaults()));
    }

    /** Every id: the built-in ones in a fixed order, then registered ones in registration order. */
    public static List<String> ids() {
        return List.copyOf(registry.keySet());
    }

    /** The built-in ids, which {@link #register} cannot replace. */
    public static Set<String> builtInIds() {
        return BUILT_IN.keySet();
    }

    /**
     * Registers a mapper factory under a new id (lower-case letters, digits, '.', '_', '-'); the
     * factory gets the policy passed to {@link #byId(String, MappingPolicy)}.
     *
     * @throws ConfigurationException when the id is malformed, already registered or one of the
     *         other names of a built-in
     */
    public static synchronized void register(String id, Function<MappingPolicy, PayloadMapper> factory) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(factory, "factory");
        if (!ID.matcher(id).matches()) {
            throw new ConfigurationException("mapper id must match " + ID + " but was '" + id + "'");
        }
        if (registry.containsKey(id) || OTHER_NAMES.containsKey(id)) {
            throw new ConfigurationException("mapper id '" + id + "' is already registered");
        }
        Map<String, Function<MappingPolicy, PayloadMapper>> next = new LinkedHashMap<>(registry);
        next.put(id, factory);
        registry = Collections.unmodifiableMap(next);
    }

    /**
     * Removes a registered mapper; returns false when the id was not registered.
     *
     * @throws ConfigurationException for a built-in id
     */
    public static synchronized boolean unregister(String id) {
        Objects.requireNonNull(id, "id");
        if (BUILT_IN.containsKey(id)) {
            throw new ConfigurationException("mapper id '" + id + "' is built in and cannot be unregistered");
        }
        if (!registry.containsKey(id)) {
            return false;
        }
        Map<String, Function<MappingPolicy, PayloadMapper>> next = new LinkedHashMap<>(registry);
        next.remove(id);
        registry = Collections.unmodifiableMap(next);
        return true;
    }

    private static Function<MappingPolicy, PayloadMapper> factory(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        Map<String, Function<MappingPolicy, PayloadMapper>> current = registry;
        Function<MappingPolicy, PayloadMapper> f = current.get(key);
        if (f == null && OTHER_NAMES.containsKey(key)) {
            f = current.get(OTHER_NAMES.get(key));
        }
        return f;
    }

    private static PayloadMapper create(String id, Function<MappingPolicy, PayloadMapper> factory, MappingPolicy policy) {
        PayloadMapper mapper = factory.apply(policy);
        if (mapper == null) {
            throw new ConfigurationException("mapper factory for '" + id + "' returned null");
        }
        return mapper;
    }
}
