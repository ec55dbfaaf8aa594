package dev.webhookkit.actions.internal;

import dev.webhookkit.actions.ForwardHops;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.outbound.Subscription;
import java.util.Locale;
import java.util.Objects;

/** Which original headers a forward may copy: one rule for the Java builder and the JSON definitions. */
public final class CopiedHeaders {
    private CopiedHeaders() {
    }

    /**
     * @return true to copy it, false for {@code Content-Type} (always kept anyway)
     * @throws ConfigurationException for the hop header and the headers the dispatcher sets
     */
    public static boolean check(String action, String header) {
        Objects.requireNonNull(header, "header name");
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.equals(ForwardHops.HEADER.toLowerCase(Locale.ROOT))) {
            throw new ConfigurationException(action + ": " + ForwardHops.HEADER
                    + " cannot be copied: the forward sets it, one more than it received");
        }
        if (lower.equals("content-type")) {
            return false;
        }
        if (Subscription.RESERVED_HEADERS.contains(lower) || lower.startsWith("webhook-") || lower.startsWith("x-webhook-")) {
            throw new ConfigurationException(action + ": header '" + header + "' is set by the dispatcher and cannot be copied");
        }
        return true;
    }
}
