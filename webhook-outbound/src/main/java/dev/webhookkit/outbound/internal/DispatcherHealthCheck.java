package dev.webhookkit.outbound.internal;

import dev.webhookkit.outbound.DeliveryStatus;
import dev.webhookkit.outbound.DispatcherHealth;
import dev.webhookkit.outbound.spi.DeliveryQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks the store for the dispatcher's health, turning a store failure into part of the answer. */
final class DispatcherHealthCheck {
    /** Enough for the operation and the kind of failure; a store's messages can be long. */
    static final int MAX_ERROR_CHARS = 200;
    /** Credentials a driver might echo: URL user info and key=value or key: value passwords/tokens. */
    private static final Pattern CREDENTIALS = Pattern.compile(
            "(?i)(//)[^/@\\s]+@|((?:password|passwd|pwd|secret|token)\\s*[=:]\\s*)[^\\s&;,)]+");

    private DispatcherHealthCheck() {
    }

    static DispatcherHealth check(boolean running, DeliveryQueries store, Clock clock) {
        try {
            long backlog = store.count(DeliveryStatus.PENDING);
            Optional<Duration> age = store.oldestPending().map(oldest -> nonNegative(Duration.between(oldest, clock.instant())));
            return new DispatcherHealth(running, backlog, age, true, Optional.empty());
        } catch (RuntimeException e) {
            return new DispatcherHealth(running, -1, Optional.empty(), false, Optional.of(describe(e)));
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The failure's type and the first line of its message, credentials cut out, at most {@value #MAX_ERROR_CHARS} characters. */
    static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        message = CREDENTIALS.matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group(1) != null ? "//***@" : m.group(2) + "***"));
        String text = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
