package dev.webhookkit.core.internal;

import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;

/** The endpoint's compiled message template, rendered into the event. */
final class RenderStage implements Stage {

    @Override
    public StageName name() {
        return StageName.RENDER;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        if (ex.endpoint.compiledTemplate().isPresent()) {
            ex.message = ex.endpoint.compiledTemplate().get().render(TemplateContexts.of(ex.event));
            ex.event = ex.event.withMessage(ex.message);
        }
        return next.proceed(ex);
    }
}
