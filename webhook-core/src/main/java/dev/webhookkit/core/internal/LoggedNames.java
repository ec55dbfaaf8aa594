package dev.webhookkit.core.internal;

/**
 * Endpoint names as log lines show them. A name taken from a request path that routed nowhere is the
 * sender's text: it may hold line breaks (forged log lines) or a query a client pasted in by mistake
 * ({@code github?secret=…}), so only its leading run of name characters is logged, at most
 * {@value #MAX_CHARS} of them, and an ellipsis marks what was cut.
 */
public final class LoggedNames {
    static final int MAX_CHARS = 64;

    private LoggedNames() {
    }

    /** {@code name} as it may appear in a log line. */
    public static String endpoint(String name) {
        if (name == null) {
            return "-";
        }
        int end = 0;
        while (end < name.length() && end < MAX_CHARS && isNameChar(name.charAt(end))) {
            end++;
        }
        return end == name.length() ? name : name.substring(0, end) + "…";
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.';
    }
}
