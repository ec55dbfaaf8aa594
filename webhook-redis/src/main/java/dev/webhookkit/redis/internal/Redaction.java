package dev.webhookkit.redis.internal;

import java.util.regex.Pattern;

/** Describes a client failure for a log line without credentials a connection URI may carry. */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]*@");
    private static final int MAX_CHARS = 300;

    private Redaction() {
    }

    /** "JedisConnectionException: Failed to connect … (caused by ConnectException: Connection refused)". */
    public static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(one(e));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            s.append(" (caused by ").append(one(root)).append(')');
        }
        return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "…" : s.toString();
    }

    private static String one(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + USER_INFO.matcher(message).replaceAll("***@"));
    }
}
