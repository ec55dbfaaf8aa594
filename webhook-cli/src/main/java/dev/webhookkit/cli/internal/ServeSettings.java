package dev.webhookkit.cli.internal;

import dev.webhookkit.admin.DefinitionFile;
import dev.webhookkit.admin.EndpointJson;
import dev.webhookkit.outbound.SsrfGuard;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code serve} was asked to run, checked. Holds the admin token and the database password:
 * {@link #toString()} shows neither.
 *
 * @param bind the address to listen on
 * @param port the port, 0 for any free one
 * @param adminToken the admin API's bearer token
 * @param jdbc the PostgreSQL database, or empty to keep everything in memory
 * @param redis the Redis for dedup and rate limits, or empty for the in-memory ones
 * @param allowPrivate whether subscriptions may target loopback and private-network addresses
 * @param definitions the endpoints and subscriptions to create at start, if there is a file
 * @param actions the endpoints' actions and their codec (how endpoints are read and stored: the same for the
 *     file, the API and the database)
 */
record ServeSettings(InetAddress bind, int port, String adminToken, Optional<Jdbc> jdbc, Optional<URI> redis, boolean allowPrivate,
        Optional<DefinitionFile> definitions, GatewayActions actions) {

    ServeSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(definitions, "definitions");
        Objects.requireNonNull(actions, "actions");
    }

    /** How endpoints are read and stored, their actions included. */
    EndpointJson endpointJson() {
        return actions.endpointJson();
    }

    /**
     * The one SSRF guard of the gateway: the API's check before a subscription is stored, the
     * definitions' at start and the dispatcher's before each attempt.
     */
    SsrfGuard ssrfGuard() {
        return allowPrivate ? SsrfGuard.builder().allowLoopback().allowPrivateNetworks().build() : SsrfGuard.strict();
    }

    @Override
    public String toString() {
        return "ServeSettings[bind=" + bind.getHostAddress() + ", port=" + port + ", jdbc=" + jdbc.isPresent() + ", redis="
                + redis.isPresent() + ", allowPrivate=" + allowPrivate + ", definitions=" + definitions.map(Object::toString).orElse("none") + "]";
    }

    /**
     * A PostgreSQL database.
     *
     * @param url the JDBC URL
     * @param user the user, or the driver's default
     * @param password the password, or none
     */
    record Jdbc(String url, Optional<String> user, Optional<String> password) {
        Jdbc {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** The URL without its parameters, which may hold a password: for messages. */
        String safeUrl() {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query) + "?…";
        }

        @Override
        public String toString() {
            return "Jdbc[" + safeUrl() + "]";
        }
    }
}
