package dev.webhookkit.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.WebhookRequest;
import java.util.Optional;

/**
 * What a {@link ReceiveStage} sees of the request in flight, and how it goes on. What is known
 * depends on where the stage sits: the endpoint after ROUTE, the payload after PARSE.
 */
public interface ReceiveChain {

    String eventId();

    /** The endpoint name the request was addressed to. */
    String endpointName();

    WebhookRequest request();

    /** The routed endpoint; empty before ROUTE. */
    Optional<Endpoint> endpoint();

    /** The parsed payload; empty before PARSE. */
    Optional<JsonNode> payload();

    /** Runs the rest of the stages and returns their answer. */
    ReceiveResult proceed();

    /** Ends the request here with {@code reason} (recorded like any other exit); the rest do not run. */
    ReceiveResult reject(Reason reason);
}
