package dev.webhookkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A key ring: the secrets an endpoint accepts, newest first. Verification tries every active
 * secret and reports which one matched; signing uses the newest active one.
 *
 * <p>Rotation keeps the old secrets for a grace period instead of cutting senders off:
 * {@code secrets.rotate(Secret.of("k2", "…"), Duration.ofHours(24), now)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretSet {
    private static final SecretSet EMPTY = new SecretSet(List.of());

    private final List<Secret> secrets;

    private SecretSet(List<Secret> secrets) {
        Set<String> ids = new HashSet<>();
        for (Secret s : secrets) {
            if (!ids.add(s.id())) {
                throw new ConfigurationException("secret ids must be unique but '" + s.id() + "' appears twice");
            }
        }
        this.secrets = List.copyOf(secrets);
    }

    public static SecretSet empty() {
        return EMPTY;
    }

    /** Secrets newest first. */
    public static SecretSet of(Secret... secrets) {
        return new SecretSet(List.of(secrets));
    }

    public static SecretSet of(List<Secret> secrets) {
        return new SecretSet(secrets);
    }

    /** Plain secret values, newest first, with ids {@code default}, {@code key-2}, {@code key-3} …. */
    public static SecretSet ofValues(String... values) {
        List<Secret> list = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            list.add(Secret.of(i == 0 ? Secret.DEFAULT_ID : "key-" + (i + 1), values[i]));
        }
        return new SecretSet(list);
    }

    /** Every secret, expired or not, newest first. */
    public List<Secret> all() {
        return secrets;
    }

    /** The secrets still valid at {@code now}, newest first. */
    public List<Secret> activeAt(Instant now) {
        boolean allActive = true;
        for (Secret s : secrets) {
            allActive &= s.isActiveAt(now);
        }
        if (allActive) {
            return secrets;
        }
        List<Secret> active = new ArrayList<>(secrets.size());
        for (Secret s : secrets) {
            if (s.isActiveAt(now)) {
                active.add(s);
            }
        }
        return active;
    }

    /** The secret to sign with: the newest one active at {@code now}. */
    public Optional<Secret> primary(Instant now) {
        for (Secret s : secrets) {
            if (s.isActiveAt(now)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<Secret> byId(String id) {
        return secrets.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public int size() {
        return secrets.size();
    }

    /**
     * A new set with {@code newest} first and every current secret kept until {@code now + grace},
     * so senders still signing with an old secret are not cut off during the switch.
     */
    public SecretSet rotate(Secret newest, Duration grace, Instant now) {
        Objects.requireNonNull(newest, "newest");
        if (grace.isNegative()) {
            throw new ConfigurationException("grace must be >= 0 but was " + grace);
        }
        Instant until = now.plus(grace);
        List<Secret> next = new ArrayList<>();
        next.add(newest);
        for (Secret s : secrets) {
            if (!s.id().equals(newest.id()) && s.isActiveAt(now)) {
                next.add(s.expiringAt(until));
            }
        }
        return new SecretSet(next);
    }

    /** A new set without the secret of that id. */
    public SecretSet without(String id) {
        return new SecretSet(secrets.stream().filter(s -> !s.id().equals(id)).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretSet s && s.secrets.equals(secrets);
    }

    @Override
    public int hashCode() {
        return secrets.hashCode();
    }

    @Override
    public String toString() {
        return "SecretSet" + secrets;
    }
}
