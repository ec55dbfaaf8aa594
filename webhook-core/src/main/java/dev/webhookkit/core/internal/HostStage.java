package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.Endpoint;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.ReceiveChain;
import dev.webhookkit.core.spi.ReceiveStage;
import java.util.Objects;
import java.util.Optional;

/** A host's {@link ReceiveStage} as a link of the chain; what it throws names it. */
final class HostStage implements Stage {
    private final ReceiveStage stage;
    private final String label;

    HostStage(ReceiveStage stage, String position) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.label = "host stage " + stage.getClass().getName() + " (" + position + ")";
    }

    @Override
    public StageName name() {
        return null;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        try {
            ReceiveResult result = stage.process(new View(ex, next));
            if (result == null) {
                throw new IllegalStateException("returned null instead of a result");
            }
            return result;
        } catch (RuntimeException | Error e) {
            ex.failedAt(label);
            throw e;
        }
    }

    private static final class View implements ReceiveChain {
        private final Exchange ex;
        private final Chain next;

        View(Exchange ex, Chain next) {
            this.ex = ex;
            this.next = next;
        }

        @Override
        public String eventId() {
            return ex.eventId;
        }

        @Override
        public String endpointName() {
            return ex.endpointName;
        }

        @Override
        public WebhookRequest request() {
            return ex.request;
        }

        @Override
        public Optional<Endpoint> endpoint() {
            return Optional.ofNullable(ex.endpoint);
        }

        @Override
        public Optional<JsonNode> payload() {
            return Optional.ofNullable(ex.payload);
        }

        @Override
        public ReceiveResult proceed() {
            return next.proceed(ex);
        }

        @Override
        public ReceiveResult reject(Reason reason) {
            return ex.answer(Objects.requireNonNull(reason, "reason"));
        }
    }
}
