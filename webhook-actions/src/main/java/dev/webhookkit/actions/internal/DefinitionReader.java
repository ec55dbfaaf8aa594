package dev.webhookkit.actions.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookkit.actions.ActionDefinitionException;
import dev.webhookkit.actions.ActionDefinitions;
import dev.webhookkit.actions.Actions;
import dev.webhookkit.actions.ForwardAction;
import dev.webhookkit.actions.ForwardHops;
import dev.webhookkit.actions.Match;
import dev.webhookkit.actions.RouteAction;
import dev.webhookkit.actions.TaskRegistry;
import dev.webhookkit.actions.notify.NotifyAction;
import dev.webhookkit.actions.notify.NotifyFormat;
import dev.webhookkit.actions.notify.NotifyTargets;
import dev.webhookkit.actions.notify.TelegramParseMode;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.SecretSet;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.spi.EventHandler;
import dev.webhookkit.core.spi.TemplateRenderer;
import dev.webhookkit.outbound.Subscription;
import dev.webhookkit.verify.Schemes;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one endpoint's {@code actions} list into steps, checking every field against the caps of
 * {@link ActionDefinitions} before any work is spent on it: the counts are checked before the
 * items are read and the nesting depth before a route is entered, so a hostile definition is
 * refused after reading at most the caps' worth of it. Builds the normalized stored form (secrets
 * included) as it goes. One instance per list read; not thread-safe.
 */
public final class DefinitionReader {
    private static final Set<String> FORWARD = Set.of("type", "name", "urls", "scheme", "secret", "unsigned", "copyHeaders", "maxHops",
            "timeoutMs");
    private static final Set<String> NOTIFY = Set.of("type", "name", "format", "url", "subscription", "headers", "template", "eventType",
            "roomId", "toPersonEmail", "chatId", "parseMode", "timeoutMs");
    private static final Set<String> ROUTE = Set.of("type", "name", "mode", "rules", "default");
    private static final Set<String> RULE = Set.of("name", "when", "then");
    private static final Set<String> WHEN = Set.of("eventType", "agent", "severity", "severityAtLeast", "labels", "jsonPath");
    private static final Set<String> RUN = Set.of("type", "task");
    private static final List<String> FORMATS = List.of("slack", "teams", "webex", "discord", "telegram", "json");

    /** A step of the plan, built once a dispatcher is there. */
    public interface Step {
        EventHandler build(dev.webhookkit.outbound.WebhookDispatcher dispatcher);
    }

    private final TaskRegistry tasks;
    private final TemplateRenderer renderer;
    private final String subscriptionPrefix;
    private final String tenant;
    private int actions;
    private int rules;
    private int targets;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<dev.webhookkit.actions.ActionPlan.Destination> destinations = new ArrayList<>();
    private boolean needsDispatcher;

    public DefinitionReader(TaskRegistry tasks, TemplateRenderer renderer, String endpointName, String tenant) {
        this.tasks = tasks;
        this.renderer = renderer;
        this.subscriptionPrefix = subscriptionPrefix(endpointName);
        this.tenant = tenant;
    }

    /** The subscriptions the plan registers, in order. */
    public List<Subscription> subscriptions() {
        return subscriptions;
    }

    public List<dev.webhookkit.actions.ActionPlan.Destination> destinations() {
        return destinations;
    }

    /** Whether some step sends through the dispatcher. */
    public boolean needsDispatcher() {
        return needsDispatcher;
    }

    /** Reads the list; {@code stored} receives the normalized form. */
    public List<Step> readList(JsonNode node, String field, int depth, ArrayNode stored) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field, "must be a list of actions");
        }
        if (node.size() > ActionDefinitions.MAX_ACTIONS - actions) {
            throw invalid(field, "an endpoint has at most " + ActionDefinitions.MAX_ACTIONS + " actions in all (routes' included)");
        }
        List<Step> steps = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            steps.add(readAction(node.get(i), field + "[" + i + "]", depth, stored.addObject()));
        }
        return steps;
    }

    private Step readAction(JsonNode node, String field, int depth, ObjectNode out) {
        actions++;
        if (actions > ActionDefinitions.MAX_ACTIONS) {
            throw invalid(field, "an endpoint has at most " + ActionDefinitions.MAX_ACTIONS + " actions in all (routes' included)");
        }
        if (node == null || !node.isObject()) {
            throw invalid(field, "must be an action object {\"type\": \"forward|notify|route|run\", …} or {\"task\": \"name\"}");
        }
        if (!node.has("type") && node.has("task")) {
            onlyFields(node, field, RUN);
            return readRun(node, field, out);
        }
        String type = requiredText(node, field, "type", 16);
        return switch (type) {
            case "forward" -> readForward(node, field, out);
            case "notify" -> readNotify(node, field, out);
            case "route" -> readRoute(node, field, depth, out);
            case "run" -> {
                onlyFields(node, field, RUN);
                yield readRun(node, field, out);
            }
            default -> throw invalid(field + ".type", "must be one of forward, notify, route, run but was '" + echo(type) + "'");
        };
    }

    private Step readRun(JsonNode node, String field, ObjectNode out) {
        String task = requiredText(node, field, "task", 64);
        out.put("type", "run");
        out.put("task", task);
        try {
            Actions.run(tasks, task); // the lookup, now: an unknown task is refused before anything is stored
        } catch (ConfigurationException e) {
            throw invalid(field + ".task", e.getMessage());
        }
        return d -> Actions.run(tasks, task);
    }

    private Step readForward(JsonNode node, String field, ObjectNode out) {
        onlyFields(node, field, FORWARD);
        needsDispatcher = true;
        String name = optionalName(node, field, "forward-" + actions);
        JsonNode urls = node.get("urls");
        if (urls == null || !urls.isArray() || urls.isEmpty()) {
            throw invalid(field + ".urls", "is required: a list of 1 to " + ActionDefinitions.MAX_FORWARD_URLS + " http(s) URLs");
        }
        if (urls.size() > ActionDefinitions.MAX_FORWARD_URLS) {
            throw invalid(field + ".urls", "holds at most " + ActionDefinitions.MAX_FORWARD_URLS + " URLs but has " + urls.size());
        }
        String scheme = optionalText(node, field, "scheme", 64, "hmac-sha256");
        try {
            Schemes.byId(scheme);
        } catch (ConfigurationException e) {
            throw invalid(field + ".scheme", e.getMessage());
        }
        boolean unsigned = optionalBoolean(node, field, "unsigned");
        String secret = optionalText(node, field, "secret", ActionDefinitions.MAX_SECRET_CHARS, null);
        if (unsigned == (secret != null)) {
            throw invalid(field + (unsigned ? ".unsigned" : ".secret"), unsigned ? "true sends without a signature and excludes secret"
                    : "is required to re-sign the forwarded requests (or \"unsigned\": true to send without a signature)");
        }
        List<String> copy = optionalStrings(node, field, "copyHeaders", ActionDefinitions.MAX_LIST_ENTRIES, 256);
        for (int i = 0; i < copy.size(); i++) {
            try {
                CopiedHeaders.check("forward '" + name + "'", copy.get(i));
            } catch (ConfigurationException e) {
                throw invalid(field + ".copyHeaders[" + i + "]", e.getMessage());
            }
        }
        int maxHops = (int) optionalLong(node, field, "maxHops", 1, ForwardHops.MAX_COUNT, ForwardHops.DEFAULT_LIMIT);
        long timeoutMs = optionalLong(node, field, "timeoutMs", 1, Subscription.MAX_TIMEOUT.toMillis(), 0);

        out.put("type", "forward");
        out.put("name", name);
        ArrayNode outUrls = out.putArray("urls");
        out.put("scheme", scheme);
        if (unsigned) {
            out.put("unsigned", true);
        } else {
            out.put("secret", secret);
        }
        ArrayNode outCopy = out.putArray("copyHeaders");
        copy.forEach(outCopy::add);
        out.put("maxHops", maxHops);
        if (timeoutMs > 0) {
            out.put("timeoutMs", timeoutMs);
        }

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String at = field + ".urls[" + i + "]";
            JsonNode u = urls.get(i);
            if (!u.isTextual()) {
                throw invalid(at, "must be an http(s) URL string");
            }
            URI url = url(at, u.asText());
            outUrls.add(u.asText());
            Subscription.Builder b = Subscription.builder(nextSubscriptionId(), url.toString())
                    .eventTypes(ForwardAction.OWN_EVENTS_ONLY)
                    .description("forward '" + name + "' of an endpoint's actions");
            if (unsigned) {
                b.unsigned();
            } else {
                b.scheme(scheme).secrets(SecretSet.ofValues(secret));
            }
            ids.add(register(b, at, timeoutMs));
        }
        return d -> {
            ForwardAction.Builder f = Actions.forward(d).name(name).copyHeaders(copy.toArray(String[]::new)).maxHops(maxHops);
            ids.forEach(f::toSubscription);
            return f.build();
        };
    }

    private Step readNotify(JsonNode node, String field, ObjectNode out) {
        onlyFields(node, field, NOTIFY);
        needsDispatcher = true;
        String name = optionalName(node, field, "notify-" + actions);
        String formatId = requiredText(node, field, "format", 16);
        if (!FORMATS.contains(formatId)) {
            throw invalid(field + ".format", "must be one of " + String.join(", ", FORMATS) + " but was '" + echo(formatId) + "'");
        }
        NotifyFormat format = format(node, field, formatId);
        String url = optionalText(node, field, "url", ActionDefinitions.MAX_URL_CHARS, null);
        String subscription = optionalText(node, field, "subscription", 128, null);
        if ((url == null) == (subscription == null)) {
            throw invalid(field + ".url", "give either url (the target's webhook URL) or subscription (an existing subscription's id)");
        }
        if (subscription != null && node.has("headers")) {
            throw invalid(field + ".headers", "only goes with url (an existing subscription has its own headers)");
        }
        String template = optionalText(node, field, "template", ActionDefinitions.MAX_TEMPLATE_CHARS, null);
        String eventType = optionalText(node, field, "eventType", 256, null);
        long timeoutMs = optionalLong(node, field, "timeoutMs", 1, Subscription.MAX_TIMEOUT.toMillis(), 0);
        Headers headers = headers(node.get("headers"), field + ".headers");

        out.put("type", "notify");
        out.put("name", name);
        out.put("format", formatId);
        for (String f : List.of("roomId", "toPersonEmail", "chatId", "parseMode")) {
            if (node.hasNonNull(f)) {
                out.put(f, node.get(f).asText());
            }
        }
        if (url != null) {
            out.put("url", url);
            ObjectNode h = out.putObject("headers");
            headers.toMap().forEach((k, v) -> h.put(k, v.get(0)));
        } else {
            out.put("subscription", subscription);
        }
        if (template != null) {
            out.put("template", template);
        }
        if (eventType != null) {
            out.put("eventType", eventType);
        }
        if (timeoutMs > 0) {
            out.put("timeoutMs", timeoutMs);
        }

        String target;
        if (url != null) {
            URI uri = url(field + ".url", url);
            target = register(NotifyTargets.subscription(nextSubscriptionId(), uri.toString()).headers(headers)
                    .description("notify '" + name + "' of an endpoint's actions"), field + ".url", timeoutMs);
        } else {
            target = subscription;
        }
        if (template != null) {
            try {
                renderer.compile(template); // now, so a template that does not compile is refused before it is stored
            } catch (RuntimeException e) {
                throw invalid(field + ".template", "does not compile: " + firstLine(e.getMessage()));
            }
        }
        return d -> notifyBuilder(d, target, format, name, template, eventType).build();
    }

    private NotifyAction.Builder notifyBuilder(dev.webhookkit.outbound.WebhookDispatcher d, String target, NotifyFormat format,
            String name, String template, String eventType) {
        NotifyAction.Builder b = NotifyAction.builder(d, target, format).name(name);
        if (template != null) {
            b.template(template, renderer);
        }
        if (eventType != null) {
            b.eventType(eventType);
        }
        return b;
    }

    private NotifyFormat format(JsonNode node, String field, String formatId) {
        String roomId = optionalText(node, field, "roomId", 256, null);
        String email = optionalText(node, field, "toPersonEmail", 256, null);
        String chatId = optionalText(node, field, "chatId", 256, null);
        String parseMode = optionalText(node, field, "parseMode", 16, null);
        if (!formatId.equals("webex") && (roomId != null || email != null)) {
            throw invalid(field + (roomId != null ? ".roomId" : ".toPersonEmail"), "only goes with format webex");
        }
        if (!formatId.equals("telegram") && (chatId != null || parseMode != null)) {
            throw invalid(field + (chatId != null ? ".chatId" : ".parseMode"), "only goes with format telegram");
        }
        try {
            return switch (formatId) {
                case "slack" -> NotifyFormat.slack();
                case "teams" -> NotifyFormat.teams();
                case "discord" -> NotifyFormat.discord();
                case "json" -> NotifyFormat.json();
                case "webex" -> {
                    if ((roomId == null) == (email == null)) {
                        throw invalid(field + ".roomId", "format webex needs either roomId (a space) or toPersonEmail (a person)");
                    }
                    yield roomId != null ? NotifyFormat.webexRoom(roomId) : NotifyFormat.webexPerson(email);
                }
                default -> {
                    if (chatId == null) {
                        throw invalid(field + ".chatId", "is required for format telegram (a numeric chat id or @channelusername)");
                    }
                    TelegramParseMode mode = TelegramParseMode.MARKDOWN_V2;
                    if (parseMode != null) {
                        mode = switch (parseMode) {
                            case "MarkdownV2" -> TelegramParseMode.MARKDOWN_V2;
                            case "HTML" -> TelegramParseMode.HTML;
                            default -> throw invalid(field + ".parseMode", "must be MarkdownV2 or HTML but was '" + echo(parseMode) + "'");
                        };
                    }
                    yield NotifyFormat.telegram(chatId, mode);
                }
            };
        } catch (ActionDefinitionException e) {
            throw e;
        } catch (ConfigurationException e) {
            throw invalid(field, e.getMessage());
        }
    }

    private Step readRoute(JsonNode node, String field, int depth, ObjectNode out) {
        onlyFields(node, field, ROUTE);
        if (depth >= ActionDefinitions.MAX_ROUTE_DEPTH) {
            throw invalid(field, "routes nest at most " + ActionDefinitions.MAX_ROUTE_DEPTH + " deep");
        }
        String name = optionalName(node, field, "route-" + actions);
        String mode = optionalText(node, field, "mode", 8, "first");
        if (!mode.equals("first") && !mode.equals("all")) {
            throw invalid(field + ".mode", "must be first or all but was '" + echo(mode) + "'");
        }
        JsonNode rulesNode = node.get("rules");
        if (rulesNode != null && !rulesNode.isNull() && !rulesNode.isArray()) {
            throw invalid(field + ".rules", "must be a list of {\"when\", \"then\"} rules");
        }
        int count = rulesNode == null || rulesNode.isNull() ? 0 : rulesNode.size();
        if (count > ActionDefinitions.MAX_RULES - rules) {
            throw invalid(field + ".rules", "an endpoint has at most " + ActionDefinitions.MAX_RULES + " rules in all but this route alone has "
                    + count);
        }
        out.put("type", "route");
        out.put("name", name);
        out.put("mode", mode);
        ArrayNode outRules = out.putArray("rules");
        List<String> ruleNames = new ArrayList<>();
        List<Match> matches = new ArrayList<>();
        List<List<Step>> thens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rules++;
            String at = field + ".rules[" + i + "]";
            JsonNode rule = rulesNode.get(i);
            if (!rule.isObject()) {
                throw invalid(at, "must be a {\"when\", \"then\"} object");
            }
            onlyFields(rule, at, RULE);
            String ruleName = optionalName(rule, at, "rule-" + (i + 1));
            if (ruleName.equals("default") || ruleNames.contains(ruleName)) {
                throw invalid(at + ".name", "'" + ruleName + "' is " + (ruleName.equals("default") ? "reserved for the default" : "used twice"));
            }
            ruleNames.add(ruleName);
            ObjectNode outRule = outRules.addObject();
            outRule.put("name", ruleName);
            matches.add(when(rule.get("when"), at + ".when", outRule.putObject("when")));
            JsonNode then = rule.get("then");
            if (then == null || !then.isArray() || then.isEmpty()) {
                throw invalid(at + ".then", "is required: a list of one or more actions");
            }
            thens.add(readList(then, at + ".then", depth + 1, outRule.putArray("then")));
        }
        List<Step> defaults = readList(node.get("default"), field + ".default", depth + 1, out.putArray("default"));
        if (defaults.isEmpty()) {
            out.remove("default");
        }
        if (count == 0 && defaults.isEmpty()) {
            throw invalid(field + ".rules", "a route needs at least one rule or a default");
        }
        boolean all = mode.equals("all");
        return d -> {
            RouteAction.Builder b = Actions.route(name).mode(all ? RouteAction.Mode.ALL_MATCHES : RouteAction.Mode.FIRST_MATCH);
            for (int i = 0; i < ruleNames.size(); i++) {
                b.handler(ruleNames.get(i), sequence(ruleNames.get(i), thens.get(i), d));
                b.when(ruleNames.get(i), matches.get(i), ruleNames.get(i));
            }
            if (!defaults.isEmpty()) {
                b.handler("default", sequence("default", defaults, d)).otherwise("default");
            }
            return b.build();
        };
    }

    /** Steps in order as one handler (one step is itself). */
    public static EventHandler sequence(String name, List<Step> steps, dev.webhookkit.outbound.WebhookDispatcher d) {
        List<EventHandler> handlers = new ArrayList<>(steps.size());
        steps.forEach(s -> handlers.add(s.build(d)));
        return handlers.size() == 1 ? handlers.get(0) : Actions.sequence(name, handlers.toArray(EventHandler[]::new));
    }

    private Match when(JsonNode node, String field, ObjectNode out) {
        if (node == null || node.isNull()) {
            return Match.always();
        }
        if (!node.isObject()) {
            throw invalid(field, "must be an object of conditions (eventType, agent, severity, severityAtLeast, labels, jsonPath)");
        }
        onlyFields(node, field, WHEN);
        List<Match> all = new ArrayList<>();
        String eventType = optionalText(node, field, "eventType", 256, null);
        if (eventType != null) {
            all.add(Match.eventType(eventType));
            out.put("eventType", eventType);
        }
        String agent = optionalText(node, field, "agent", 256, null);
        if (agent != null) {
            all.add(Match.agent(agent));
            out.put("agent", agent);
        }
        JsonNode severity = node.get("severity");
        if (severity != null && !severity.isNull()) {
            List<Severity> list = new ArrayList<>();
            List<JsonNode> items = new ArrayList<>();
            if (severity.isArray()) {
                if (severity.isEmpty() || severity.size() > Severity.values().length) {
                    throw invalid(field + ".severity", "must list 1 to " + Severity.values().length + " severities");
                }
                severity.forEach(items::add);
            } else {
                items.add(severity);
            }
            ArrayNode outSeverity = out.putArray("severity");
            for (JsonNode s : items) {
                Severity v = severity(s, field + ".severity");
                list.add(v);
                outSeverity.add(v.id());
            }
            all.add(Match.severity(list.get(0), list.subList(1, list.size()).toArray(Severity[]::new)));
        }
        JsonNode least = node.get("severityAtLeast");
        if (least != null && !least.isNull()) {
            Severity v = severity(least, field + ".severityAtLeast");
            all.add(Match.severityAtLeast(v));
            out.put("severityAtLeast", v.id());
        }
        JsonNode labels = node.get("labels");
        if (labels != null && !labels.isNull()) {
            if (!labels.isObject()) {
                throw invalid(field + ".labels", "must be an object of label names to value globs");
            }
            if (labels.size() > ActionDefinitions.MAX_LABELS) {
                throw invalid(field + ".labels", "holds at most " + ActionDefinitions.MAX_LABELS + " labels but has " + labels.size());
            }
            ObjectNode outLabels = out.putObject("labels");
            for (Map.Entry<String, JsonNode> e : labels.properties()) {
                String at = field + ".labels." + echo(e.getKey());
                if (e.getKey().isEmpty() || e.getKey().length() > 256 || !e.getValue().isTextual() || e.getValue().asText().length() > 256) {
                    throw invalid(at, "must map a label name to a value glob, each at most 256 characters");
                }
                all.add(Match.label(e.getKey(), e.getValue().asText()));
                outLabels.put(e.getKey(), e.getValue().asText());
            }
        }
        String jsonPath = optionalText(node, field, "jsonPath", ActionDefinitions.MAX_JSON_PATH_CHARS, null);
        if (jsonPath != null) {
            try {
                all.add(Match.jsonPath(jsonPath));
            } catch (RuntimeException e) {
                throw invalid(field + ".jsonPath", "does not compile: " + firstLine(e.getMessage()));
            }
            out.put("jsonPath", jsonPath);
        }
        return all.isEmpty() ? Match.always() : all.size() == 1 ? all.get(0) : Match.allOf(all);
    }

    private static Severity severity(JsonNode node, String field) {
        if (node.isTextual()) {
            var s = Severity.fromId(node.asText().toLowerCase(Locale.ROOT));
            if (s.isPresent()) {
                return s.get();
            }
        }
        throw invalid(field, "must be one of critical, error, warning, info");
    }

    private String register(Subscription.Builder b, String field, long timeoutMs) {
        targets++;
        if (targets > ActionDefinitions.MAX_TARGETS) {
            throw invalid(field, "an endpoint's actions send to at most " + ActionDefinitions.MAX_TARGETS + " URLs in all");
        }
        if (tenant != null) {
            b.tenant(tenant);
        }
        if (timeoutMs > 0) {
            b.timeout(Duration.ofMillis(timeoutMs));
        }
        Subscription s;
        try {
            s = b.build();
        } catch (ConfigurationException e) {
            throw invalid(field, e.getMessage().replaceFirst("^subscription '[^']*': ", ""));
        }
        subscriptions.add(s);
        destinations.add(new dev.webhookkit.actions.ActionPlan.Destination(field, s.url()));
        return s.id();
    }

    private String nextSubscriptionId() {
        return subscriptionPrefix + (targets + 1);
    }

    /**
     * {@value ActionDefinitions#SUBSCRIPTION_PREFIX}{@code <endpoint>.<n>}: one namespace per endpoint, so two endpoints'
     * actions never share a target; a name too long for a subscription id is replaced by its hash.
     */
    private static String subscriptionPrefix(String endpointName) {
        if (endpointName.length() <= 100) {
            return ActionDefinitions.SUBSCRIPTION_PREFIX + endpointName + ".";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(endpointName.getBytes(StandardCharsets.UTF_8));
            return ActionDefinitions.HASHED_SUBSCRIPTION_PREFIX + HexFormat.of().formatHex(digest, 0, 12) + ".";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checked here, with messages that never quote the URL: a notify URL is itself a credential (Slack, Teams). */
    private static URI url(String field, String text) {
        if (text.length() > ActionDefinitions.MAX_URL_CHARS) {
            throw invalid(field, "must be at most " + ActionDefinitions.MAX_URL_CHARS + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(field, "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(field, "must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid(field, "must not hold user info or a fragment");
        }
        return uri;
    }

    private static Headers headers(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Headers.empty();
        }
        if (!node.isObject()) {
            throw invalid(field, "must be an object of header names to string values");
        }
        if (node.size() > ActionDefinitions.MAX_HEADERS) {
            throw invalid(field, "holds at most " + ActionDefinitions.MAX_HEADERS + " headers but has " + node.size());
        }
        Headers.Builder h = Headers.builder();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = field + "." + echo(e.getKey());
            JsonNode v = e.getValue();
            // The value is never quoted: it is usually a credential (Webex's bearer token).
            if (!v.isTextual() || v.asText().length() > ActionDefinitions.MAX_SECRET_CHARS
                    || v.asText().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw invalid(at, "must be a string of at most " + ActionDefinitions.MAX_SECRET_CHARS + " characters without line breaks");
            }
            try {
                h.add(e.getKey(), v.asText());
            } catch (RuntimeException ex) {
                throw invalid(at, "is not a valid header name");
            }
        }
        return h.build();
    }

    private static void onlyFields(JsonNode node, String field, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw invalid(field + "." + echo(f), "unknown field");
            }
        }
    }

    private static String optionalName(JsonNode node, String field, String fallback) {
        String name = optionalText(node, field, "name", 64, null);
        if (name == null) {
            return fallback;
        }
        try {
            return Names.check("name", name);
        } catch (ConfigurationException e) {
            throw invalid(field + ".name", "must be 1 to 64 letters, digits, '.', '_' or '-' (starting with a letter or digit)");
        }
    }

    private static String requiredText(JsonNode node, String field, String name, int max) {
        String v = optionalText(node, field, name, max, null);
        if (v == null) {
            throw invalid(field + "." + name, "is required");
        }
        return v;
    }

    private static String optionalText(JsonNode node, String field, String name, int max, String fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw invalid(field + "." + name, "must be a non-blank string");
        }
        if (v.asText().length() > max) {
            throw invalid(field + "." + name, "must be at most " + max + " characters but has " + v.asText().length());
        }
        return v.asText();
    }

    private static boolean optionalBoolean(JsonNode node, String field, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw invalid(field + "." + name, "must be true or false");
        }
        return v.asBoolean();
    }

    private static long optionalLong(JsonNode node, String field, String name, long min, long max, long fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw invalid(field + "." + name, "must be a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }

    private static List<String> optionalStrings(JsonNode node, String field, String name, int maxEntries, int maxChars) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(field + "." + name, "must be a list of strings");
        }
        if (v.size() > maxEntries) {
            throw invalid(field + "." + name, "holds at most " + maxEntries + " entries but has " + v.size());
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual() || s.asText().isBlank() || s.asText().length() > maxChars) {
                throw invalid(field + "." + name + "[" + i + "]", "must be a non-blank string of at most " + maxChars + " characters");
            }
            out.add(s.asText());
        }
        return out;
    }

    /** A value from the request, cut and stripped of control characters, for a message. */
    private static String echo(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static String firstLine(String s) {
        return s == null ? "" : echo(s.lines().findFirst().orElse(""));
    }

    private static ActionDefinitionException invalid(String field, String detail) {
        return new ActionDefinitionException(field, detail);
    }

}
