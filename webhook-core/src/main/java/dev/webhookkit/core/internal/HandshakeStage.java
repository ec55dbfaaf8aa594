package dev.webhookkit.core.internal;

import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.spi.Handshake;
import java.util.Optional;

/** Answers a provider's verification request (not an event) with the endpoint's handshakes. */
final class HandshakeStage implements Stage {

    @Override
    public StageName name() {
        return StageName.HANDSHAKE;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        if (ex.isReplay()) {
            return next.proceed(ex); // a replay never acts on the sender's behalf
        }
        for (Handshake h : ex.endpoint.handshakes()) {
            Optional<HandlerResponse> answer = h.answer(ex.request, ex.payload);
            if (answer.isPresent()) {
                return ex.answer(Reason.HANDSHAKE, answer.get(), Optional.empty());
            }
        }
        return next.proceed(ex);
    }
}
