package dev.webhookkit.admin.spi;

/** What an admin request wants to do with a resource. */
public enum AdminAction {
    /** List a collection or read one entry. */
    READ,
    /** Add an entry to a collection. */
    CREATE,
    /** Replace, patch, enable or disable an entry, or rotate its secret. */
    UPDATE,
    /** Remove an entry. */
    DELETE,
    /** Make something happen with an entry: replay an event, redeliver a message, send a test. */
    EXECUTE
}
