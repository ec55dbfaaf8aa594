package dev.webhookkit.admin;

import dev.webhookkit.core.WebhookReceiver;
import java.net.URI;

/**
 * A real HTTP server on 127.0.0.1 for the contract suite: the admin API under {@code /admin} and
 * the receiver under {@code /webhooks/{endpoint}}. One implementation per server (Jetty, Tomcat,
 * JDK HttpServer); {@link AdminContractTest} and the suites that extend it run on each.
 */
interface AdminServer extends AutoCloseable {

    /** Starts on a free port and returns the base URI ({@code http://127.0.0.1:PORT}). */
    URI start(AdminApi api, WebhookReceiver receiver) throws Exception;

    @Override
    void close();
}
