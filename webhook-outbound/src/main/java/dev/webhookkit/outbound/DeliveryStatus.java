package dev.webhookkit.outbound;

import java.util.Locale;

/** Where an outbound message stands in its delivery. JSON and SQL use {@link #id()}, the lower-case name. */
public enum DeliveryStatus {
    /** Waiting for its next attempt, or being attempted by the dispatcher that holds its lease. */
    PENDING,
    /** A subscriber answered 2xx. Final. */
    DELIVERED,
    /** Given up: the last attempt failed, the failure was final, or the subscription went away. Can be redelivered by hand. */
    DEAD_LETTERED;

    /** The lower-case name ({@code dead_lettered}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for {@link #DELIVERED} and {@link #DEAD_LETTERED}: nothing more happens unless redelivered. */
    public boolean isFinished() {
        return this != PENDING;
    }

    /** Parses {@link #id()} or the enum name, ignoring case. */
    public static DeliveryStatus fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
