package dev.webhookkit.admin.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * What an admin request acts on: a whole collection ({@code endpoints}, {@code events},
 * {@code subscriptions}, {@code messages}, {@code health}) or one entry of it, with the tenant
 * that owns the entry (none for entries without a tenant).
 *
 * <p>The API asks about the collection first (is this caller anybody?), then about each entry it
 * touches; lists show only the entries the caller may {@link AdminAction#READ read}.
 *
 * @param kind the collection's name as in the path
 * @param key the entry's key (an endpoint's name, an event's id), null for the collection
 * @param tenant the entry's tenant, null when it has none or for the collection
 */
public record AdminResource(String kind, String key, String tenant) {

    public AdminResource {
        Objects.requireNonNull(kind, "kind");
    }

    /** The collection {@code kind} as a whole. */
    public static AdminResource collection(String kind) {
        return new AdminResource(kind, null, null);
    }

    /** One entry; {@code tenant} may be null. */
    public static AdminResource entry(String kind, String key, String tenant) {
        return new AdminResource(kind, Objects.requireNonNull(key, "key"), tenant);
    }

    public boolean isCollection() {
        return key == null;
    }

    public Optional<String> tenantValue() {
        return Optional.ofNullable(tenant);
    }
}
