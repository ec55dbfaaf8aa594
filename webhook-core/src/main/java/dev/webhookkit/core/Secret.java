package dev.webhookkit.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signing secret (or key) with an id and an optional expiry. The value is interpreted by the
 * signature scheme: a shared HMAC secret, a {@code whsec_} base64 secret, a token, or an encoded
 * public or private key.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the value.
 */
public final class Secret {
    /** The id given to secrets created without one. */
    public static final String DEFAULT_ID = "default";

    private final String id;
    private final String value;
    private final Instant validUntil;

    private Secret(String id, String value, Instant validUntil) {
        this.id = Objects.requireNonNull(id, "id");
        this.value = Objects.requireNonNull(value, "value");
        this.validUntil = validUntil;
        if (id.isBlank()) {
            throw new ConfigurationException("secret id must not be blank");
        }
        if (value.isEmpty()) {
            throw new ConfigurationException("secret '" + id + "' must not be empty");
        }
    }

    /** A secret with the default id and no expiry. */
    public static Secret of(String value) {
        return new Secret(DEFAULT_ID, value, null);
    }

    /** A secret with a key id and no expiry. */
    public static Secret of(String id, String value) {
        return new Secret(id, value, null);
    }

    /** A secret that stops verifying after {@code validUntil}. */
    public static Secret of(String id, String value, Instant validUntil) {
        return new Secret(id, value, Objects.requireNonNull(validUntil, "validUntil"));
    }

    public String id() {
        return id;
    }

    /** The secret's text. Never log it. */
    public String value() {
        return value;
    }

    /** The value as UTF-8 bytes (the HMAC key of most schemes). */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    public Optional<Instant> validUntil() {
        return Optional.ofNullable(validUntil);
    }

    /** True unless the secret expired at or before {@code now}. */
    public boolean isActiveAt(Instant now) {
        return validUntil == null || now.isBefore(validUntil);
    }

    /** The same secret expiring at {@code until} (or its own earlier expiry). */
    public Secret expiringAt(Instant until) {
        Instant effective = validUntil != null && validUntil.isBefore(until) ? validUntil : until;
        return new Secret(id, value, effective);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.id.equals(id) && s.value.equals(value) && Objects.equals(s.validUntil, validUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, value, validUntil);
    }

    @Override
    public String toString() {
        return "Secret[id=" + id + ", value=****" + (validUntil != null ? ", validUntil=" + validUntil : "") + "]";
    }
}
