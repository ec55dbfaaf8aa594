package dev.webhookkit.outbound;

import dev.webhookkit.core.ConfigurationException;

/** Validates a {@code User-Agent} value: it goes into a request line of its own, so it must not break one. */
final class UserAgents {
    /** The longest value accepted. */
    static final int MAX_LENGTH = 256;

    private UserAgents() {
    }

    /** The value, if it is 1 to {@value #MAX_LENGTH} printable ASCII characters (space allowed, not first or last). */
    static String check(String setting, String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new ConfigurationException(setting + " must be 1 to " + MAX_LENGTH + " characters but was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                // CR and LF would let a value add headers of its own; other controls and non-ASCII are refused by HTTP clients.
                throw new ConfigurationException(setting + " must be printable ASCII without CR, LF or other control characters,"
                        + " but has U+" + String.format("%04X", (int) c) + " at index " + i);
            }
        }
        if (value.isBlank() || value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') {
            throw new ConfigurationException(setting + " must not start or end with a space but was '" + value + "'");
        }
        return value;
    }
}
