package dev.webhookkit.admin.internal;

import dev.webhookkit.admin.EndpointJson;
import dev.webhookkit.admin.spi.AdminAuthorizer;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.outbound.WebhookDispatcher;
import java.time.Clock;
import java.util.Optional;

/**
 * What the routes work with, fixed when the {@link dev.webhookkit.admin.AdminApi} is built.
 *
 * @param endpoints the receiver's endpoints
 * @param eventLog the event history, null when the API was built without one
 * @param receiver the receiver that replays events, null when none
 * @param dispatcher the outbound dispatcher, null when none (its routes answer 501)
 * @param authorizer who may do what
 * @param clock the time for secret validity and rotation
 * @param endpointJson the endpoint codec
 * @param outbound the outbound routes' URL guard and the host's health checks
 */
public record AdminContext(EndpointRegistry endpoints, EventLog eventLog, WebhookReceiver receiver,
        WebhookDispatcher dispatcher, AdminAuthorizer authorizer, Clock clock, EndpointJson endpointJson,
        OutboundSettings outbound) {

    public EventLog requireEventLog() {
        if (eventLog == null) {
            throw ApiException.notConfigured("this admin API has no event log");
        }
        return eventLog;
    }

    public WebhookReceiver requireReceiver() {
        if (receiver == null) {
            throw ApiException.notConfigured("this admin API has no receiver to replay events with");
        }
        return receiver;
    }

    /** The dispatcher, or 501 {@code not_configured}: outbound routes exist but have nothing to work with. */
    public WebhookDispatcher requireDispatcher() {
        if (dispatcher == null) {
            throw ApiException.notConfigured("this admin API has no outbound dispatcher");
        }
        return dispatcher;
    }

    public Optional<WebhookDispatcher> dispatcherValue() {
        return Optional.ofNullable(dispatcher);
    }
}
