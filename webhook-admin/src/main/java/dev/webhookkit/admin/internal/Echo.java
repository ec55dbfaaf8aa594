package dev.webhookkit.admin.internal;

/** Client input quoted back in a message, cut so a huge value is not echoed in full. */
public final class Echo {
    /** Characters of a value quoted back at most. */
    public static final int MAX_CHARS = 100;

    private Echo() {
    }

    /** {@code value} cut to {@link #MAX_CHARS} with "…" when longer. */
    public static String of(String value) {
        return cap(value, MAX_CHARS);
    }

    static String cap(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + "…";
    }
}
