package dev.webhookkit.outbound.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks headers a user adds to outbound requests (a subscription's, or one message's): valid
 * names, values that cannot start a header of their own, none the dispatcher sets itself.
 */
public final class ExtraHeaders {
    /** Headers the dispatcher sets itself, and those the HTTP client forbids (lower case). */
    public static final Set<String> RESERVED = Set.of("content-type", "content-length", "user-agent", "host", "connection",
            "expect", "upgrade", "transfer-encoding", "x-webhook-id", "x-webhook-event", "x-webhook-timestamp", "x-webhook-signature");
    /** Most characters of one message's header names and values together. */
    public static final int MAX_MESSAGE_HEADER_CHARS = 8192;

    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private ExtraHeaders() {
    }

    /** True for a name only the dispatcher may set ({@code webhook-*} and {@code x-webhook-*} too). */
    public static boolean reserved(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return RESERVED.contains(lower) || lower.startsWith("webhook-") || lower.startsWith("x-webhook-");
    }

    /** A subscription's extra headers: names only (as before), each a token and not reserved. */
    public static void checkNames(String owner, Headers headers) {
        for (String name : headers.names()) {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException(owner + ": header name is not a valid token: '" + name + "'");
            }
            if (reserved(name)) {
                throw new ConfigurationException(owner + ": header '" + name + "' is set by the dispatcher and cannot be overridden");
            }
        }
    }

    /**
     * One message's headers: as a subscription's, except that {@code Content-Type} may be given (it
     * replaces {@code application/json}); values without control characters (CR and LF would
     * smuggle headers), at most {@value #MAX_MESSAGE_HEADER_CHARS} characters in all.
     */
    public static void checkMessageHeaders(Headers headers) {
        int chars = 0;
        for (String name : headers.names()) {
            if (!NAME.matcher(name).matches()) {
                throw new ConfigurationException("message header name is not a valid token: '" + name + "'");
            }
            if (reserved(name) && !name.equalsIgnoreCase("content-type")) {
                throw new ConfigurationException("message header '" + name + "' is set by the dispatcher and cannot be given");
            }
            List<String> values = headers.all(name);
            for (String value : values) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if ((c < 0x20 && c != '\t') || c == 0x7f) {
                        throw new ConfigurationException("message header '" + name + "' has a control character (U+"
                                + String.format("%04X", (int) c) + ") at index " + i);
                    }
                }
                chars += name.length() + value.length();
            }
        }
        if (chars > MAX_MESSAGE_HEADER_CHARS) {
            throw new ConfigurationException("message headers must be at most " + MAX_MESSAGE_HEADER_CHARS + " characters but were " + chars);
        }
    }
}
