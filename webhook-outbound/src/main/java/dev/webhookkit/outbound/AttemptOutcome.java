package dev.webhookkit.outbound;

import java.util.Locale;

/**
 * What happened on one delivery attempt, as seen on the wire. Whether the message is retried is the
 * retry policy's decision and shows in the message's {@link DeliveryStatus}.
 */
public enum AttemptOutcome {
    /** The subscriber answered 2xx. */
    SUCCESS,
    /** The subscriber answered 3xx; redirects are not followed. */
    REDIRECT,
    /** The subscriber answered 4xx. */
    CLIENT_ERROR,
    /** The subscriber answered 5xx (or any other status outside 200–499). */
    SERVER_ERROR,
    /** No answer within the request or connect timeout. */
    TIMEOUT,
    /** The connection failed: refused, reset, closed early, unknown host, TLS failure. */
    CONNECTION_ERROR,
    /** The SSRF guard refused the URL's address; nothing was sent. */
    BLOCKED,
    /** Nothing was sent: the subscription was disabled or deleted, or the message could not be signed. */
    NOT_SENT;

    /** The lower-case name ({@code client_error}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} or the enum name, ignoring case. */
    public static AttemptOutcome fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    /** The outcome of an HTTP answer with this status code. */
    public static AttemptOutcome ofStatus(int statusCode) {
        if (statusCode >= 200 && statusCode < 300) {
            return SUCCESS;
        }
        if (statusCode >= 300 && statusCode < 400) {
            return REDIRECT;
        }
        if (statusCode >= 400 && statusCode < 500) {
            return CLIENT_ERROR;
        }
        return SERVER_ERROR;
    }
}
