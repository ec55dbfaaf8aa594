package dev.webhookkit.core;

/**
 * The receiving stages, outermost first. {@link #RECORD} wraps the rest (every exit is recorded);
 * the others run in this order, each able to end the request with a {@link Reason}. Names a stage
 * in logs, errors, {@link dev.webhookkit.core.spi.ReceiveListener} calls, and where a
 * {@link dev.webhookkit.core.spi.ReceiveStage} of the host's own is inserted.
 */
public enum StageName {
    RECORD, ROUTE, GUARD, VERIFY, PARSE, HANDSHAKE, DEDUP, MAP, FILTER, RENDER, HANDLE
}
