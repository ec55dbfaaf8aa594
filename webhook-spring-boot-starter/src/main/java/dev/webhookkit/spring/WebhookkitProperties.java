package dev.webhookkit.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code webhookkit.*} properties. Bound by Spring Boot; the objects built from them are
 * validated when the context starts, so a bad value stops the application with a message that
 * names the property (never a secret's value).
 */
@ConfigurationProperties(prefix = "webhookkit")
public class WebhookkitProperties {
    /** Where outbound messages wait: in memory, or the app's DataSource. */
    public enum StoreType {
        /** In this process only: lost on restart. */
        MEMORY,
        /** The PostgreSQL outbox of webhook-jdbc in the app's DataSource; enqueues join the caller's transaction. */
        JDBC
    }

    /** Whether webhookkit is configured at all: false switches every webhookkit bean off. */
    private boolean enabled = true;

    /** Where outbound messages are stored. */
    private StoreType store = StoreType.MEMORY;

    private final Receiver receiver = new Receiver();
    private final Outbound outbound = new Outbound();
    private final Admin admin = new Admin();
    private final Redis redis = new Redis();
    private final Jdbc jdbc = new Jdbc();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Receiver getReceiver() {
        return receiver;
    }

    public Outbound getOutbound() {
        return outbound;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Redis getRedis() {
        return redis;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    /** Inbound webhooks. */
    public static class Receiver {
        /** Path under which the webhook filter answers: {@code <path-prefix>/<endpoint name>}. */
        private String pathPrefix = "/webhooks";

        /** Endpoints by name. */
        private Map<String, EndpointProperties> endpoints = new LinkedHashMap<>();

        public String getPathPrefix() {
            return pathPrefix;
        }

        public void setPathPrefix(String pathPrefix) {
            this.pathPrefix = pathPrefix;
        }

        public Map<String, EndpointProperties> getEndpoints() {
            return endpoints;
        }

        public void setEndpoints(Map<String, EndpointProperties> endpoints) {
            this.endpoints = endpoints;
        }
    }

    /** One inbound endpoint. */
    public static class EndpointProperties {
        /** Signature scheme id, e.g. github, stripe, standard-webhooks, hmac-sha256. */
        private String scheme;

        /** Secrets the signature may be made with (several during a rotation). */
        private List<String> secrets = new ArrayList<>();

        /** Payload mapper (provider) id, e.g. github, pagerduty; empty keeps the generic mapper. */
        private String provider;

        /** Addresses or CIDR ranges allowed to send; empty allows every address. */
        private List<String> ipAllowlist = new ArrayList<>();

        /** sync: the handler's answer is the HTTP answer; async: 202 at once, handled afterwards. */
        private Mode mode = Mode.SYNC;

        public String getScheme() {
            return scheme;
        }

        public void setScheme(String scheme) {
            this.scheme = scheme;
        }

        public List<String> getSecrets() {
            return secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        public String getProvider() {
            return provider;
        }

        public void setProvider(String provider) {
            this.provider = provider;
        }

        public List<String> getIpAllowlist() {
            return ipAllowlist;
        }

        public void setIpAllowlist(List<String> ipAllowlist) {
            this.ipAllowlist = ipAllowlist;
        }

        public Mode getMode() {
            return mode;
        }

        public void setMode(Mode mode) {
            this.mode = mode;
        }

        @Override
        public String toString() {
            return "EndpointProperties[scheme=" + scheme + ", secrets=" + secrets.size() + " (redacted), provider=" + provider
                    + ", ipAllowlist=" + ipAllowlist + ", mode=" + mode + "]";
        }
    }

    /** How an endpoint's handler runs. */
    public enum Mode {
        /** On the request's thread; its response is the HTTP body. */
        SYNC,
        /** 202 at once, handled on the receiver's executor. */
        ASYNC
    }

    /** Outbound webhooks. */
    public static class Outbound {
        /** Subscriptions by id; at least one makes a WebhookDispatcher bean. */
        private Map<String, SubscriptionProperties> subscriptions = new LinkedHashMap<>();

        /**
         * How long the JDBC outbox (webhookkit.store=jdbc) keeps delivered and dead-lettered messages and their attempts,
         * e.g. 7d; whole UTC days older than this are purged on a schedule. Unset: kept until purged by hand.
         */
        private Duration retention;

        public Map<String, SubscriptionProperties> getSubscriptions() {
            return subscriptions;
        }

        public void setSubscriptions(Map<String, SubscriptionProperties> subscriptions) {
            this.subscriptions = subscriptions;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }
    }

    /** One outbound subscription. */
    public static class SubscriptionProperties {
        /** Where messages are POSTed. */
        private String url;

        /** Signing secret; messages are signed with the library default scheme, hmac-sha256. */
        private String secret;

        /** Event type globs this subscription receives, e.g. incident.*; empty receives all. */
        private List<String> eventTypes = new ArrayList<>();

        /** Deliver one message at a time in enqueue order (FIFO); throughput to the subscriber is then about 1 / latency. */
        private boolean ordered;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public List<String> getEventTypes() {
            return eventTypes;
        }

        public void setEventTypes(List<String> eventTypes) {
            this.eventTypes = eventTypes;
        }

        public boolean isOrdered() {
            return ordered;
        }

        public void setOrdered(boolean ordered) {
            this.ordered = ordered;
        }

        @Override
        public String toString() {
            return "SubscriptionProperties[url=" + url + ", secret=(redacted), eventTypes=" + eventTypes + (ordered ? ", ordered" : "") + "]";
        }
    }

    /** The admin API (webhook-admin) under /admin. */
    public static class Admin {
        /** Whether the admin API is mounted under /admin. */
        private boolean enabled = false;

        /** Bearer token the admin API requires; at least 16 characters when enabled. */
        private String token;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        @Override
        public String toString() {
            return "Admin[enabled=" + enabled + ", token=(redacted)]";
        }
    }

    /** Redis, shared by replicas for delivery deduplication. */
    public static class Redis {
        /** Redis URL, e.g. redis://127.0.0.1:6379; set, it replaces the in-memory deduplicator. */
        private String url;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }

    /** The JDBC store (webhookkit.store=jdbc). */
    public static class Jdbc {
        /** Prefix of the outbox tables. */
        private String tablePrefix = "webhookkit_";

        /** Whether missing tables are created at start-up. */
        private boolean initializeSchema = true;

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public boolean isInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
        }
    }
}
