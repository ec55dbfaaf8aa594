package dev.webhookkit.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import java.util.Optional;

/** JSON (bounded depth) or form data into a payload, and the event type from headers or fields. */
final class ParseStage implements Stage {
    private final PayloadParser parser;

    ParseStage(PayloadParser parser) {
        this.parser = parser;
    }

    @Override
    public StageName name() {
        return StageName.PARSE;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        Optional<JsonNode> parsed = parser.parse(ex.request, ex.endpoint.formJsonField().orElse(null));
        if (parsed.isEmpty()) {
            return ex.answer(Reason.MALFORMED_PAYLOAD);
        }
        ex.payload = parsed.get();
        ex.eventType = EventTypes.resolve(ex.endpoint, ex.request, ex.payload);
        Optional<HandlerMode> mode = RequestedModes.resolve(ex.endpoint, ex.payload);
        if (mode.isEmpty()) {
            ex.error = "field " + ex.endpoint.responseModeField().orElse("") + " must be \"sync\" or \"async\"";
            return ex.answer(Reason.MALFORMED_PAYLOAD);
        }
        ex.mode = mode.get();
        return next.proceed(ex);
    }
}
