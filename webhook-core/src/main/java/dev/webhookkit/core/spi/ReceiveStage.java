package dev.webhookkit.core.spi;

import dev.webhookkit.core.ReceiveResult;

/**
 * A stage of the host's own, inserted before or after a named one with
 * {@link dev.webhookkit.core.WebhookReceiver.Builder#stageBefore} or {@code stageAfter}: it may look
 * at the request, end it with {@link ReceiveChain#reject}, or {@link ReceiveChain#proceed} and look
 * at the answer (OkHttp's interceptors are the model). It runs on the request thread; what it
 * throws is answered 500 INTERNAL_ERROR naming it. Thread-safe.
 */
@FunctionalInterface
public interface ReceiveStage {

    ReceiveResult process(ReceiveChain chain);
}
