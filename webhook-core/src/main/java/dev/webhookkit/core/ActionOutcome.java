package dev.webhookkit.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What one configured action (forward, notify, route, run …) did with an event, kept in the
 * event's {@link EventRecord#actions()} so the history shows each step's result. Actions put them on
 * their {@link HandlerResponse#actions()}; the receiver records them.
 *
 * @param name the action's name as configured ({@code forward:ops}, {@code route:agents} …)
 * @param status what came of it
 * @param detail a short, secret-free account (message ids, the matched route, why it failed), at
 *     most {@value #MAX_DETAIL_CHARS} characters (cut with "…")
 * @param duration how long the action ran on the event's thread (a forward's delivery happens later, in the outbox)
 */
public record ActionOutcome(String name, Status status, String detail, Duration duration) {
    /** The longest detail kept. */
    public static final int MAX_DETAIL_CHARS = 500;

    public ActionOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(duration, "duration");
        if (detail.length() > MAX_DETAIL_CHARS) {
            detail = detail.substring(0, MAX_DETAIL_CHARS - 1) + "…";
        }
    }

    public static ActionOutcome ok(String name, String detail, Duration duration) {
        return new ActionOutcome(name, Status.OK, detail, duration);
    }

    public static ActionOutcome failed(String name, String detail, Duration duration) {
        return new ActionOutcome(name, Status.FAILED, detail, duration);
    }

    public static ActionOutcome skipped(String name, String detail, Duration duration) {
        return new ActionOutcome(name, Status.SKIPPED, detail, duration);
    }

    /** What came of an action; {@link #id()} is the stored and JSON form. */
    public enum Status {
        /** It did its job (a forward: the message is in the outbox). */
        OK,
        /** It tried and failed; {@code detail} says why. */
        FAILED,
        /** It did not run: no route matched, a condition was false, a hop limit was reached. */
        SKIPPED;

        /** {@code ok}, {@code failed}, {@code skipped}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status with this {@link #id()}. */
        public static Status fromId(String id) {
            for (Status s : values()) {
                if (s.id().equals(id)) {
                    return s;
                }
            }
            throw new ConfigurationException("unknown action status '" + id + "'");
        }
    }
}
