package dev.webhookkit.core.internal;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;

/** The endpoint's event filter: a filtered event is answered 202 and recorded, not handled. */
final class FilterStage implements Stage {

    @Override
    public StageName name() {
        return StageName.FILTER;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        return ex.endpoint.filter().accepts(ex.event) ? next.proceed(ex) : ex.answer(Reason.FILTERED);
    }
}
