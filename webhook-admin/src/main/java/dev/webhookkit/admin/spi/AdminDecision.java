package dev.webhookkit.admin.spi;

/** An {@link AdminAuthorizer}'s answer. */
public enum AdminDecision {
    /** Go ahead. */
    ALLOW,
    /** No credentials, or credentials nobody issued: answered 401. */
    UNAUTHENTICATED,
    /** Known credentials that may not do this (another tenant's resource): answered 403. */
    FORBIDDEN
}
