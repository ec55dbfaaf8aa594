package dev.webhookkit.jdbc.internal;

import dev.webhookkit.core.ConfigurationException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The table names for one table prefix. The prefix is checked to be a plain lower-case identifier,
 * so the names can be put into SQL text without quoting and without risk of injection.
 *
 * @param prefix the prefix, {@code webhookkit_} by default
 */
public record Tables(String prefix) {
    /** The prefix of the shipped schema's names. */
    public static final String DEFAULT_PREFIX = "webhookkit_";
    /** Longest prefix that keeps every index name within PostgreSQL's 63 characters. */
    public static final int MAX_PREFIX_LENGTH = 40;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public Tables {
        Objects.requireNonNull(prefix, "prefix");
        if (!IDENTIFIER.matcher(prefix).matches() || prefix.length() > MAX_PREFIX_LENGTH) {
            throw new ConfigurationException("tablePrefix must be 1 to " + MAX_PREFIX_LENGTH
                    + " characters of a-z, 0-9 and _, not starting with a digit, but was '" + prefix + "'");
        }
    }

    public String outbox() {
        return prefix + "outbox";
    }

    public String attempt() {
        return prefix + "attempt";
    }

    public String event() {
        return prefix + "event";
    }

    // Registries (JdbcEndpointRegistry, JdbcSubscriptionRegistry)

    public String registry() {
        return prefix + "registry";
    }

    public String registryVersion() {
        return prefix + "registry_version";
    }

    /** Endpoint health (JdbcEndpointHealthStore). */
    public String endpointHealth() {
        return prefix + "endpoint_health";
    }
}
