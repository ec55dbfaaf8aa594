package dev.webhookkit.core;

/** When the handler runs relative to the HTTP answer. */
public enum HandlerMode {
    /** On the request's thread; its response goes back in the HTTP body (200 PROCESSED). */
    SYNC,
    /** On the receiver's executor after answering 202 ACCEPTED; for slow handlers. */
    ASYNC
}
