package dev.webhookkit.core.internal;

import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;

/** One link of the receiving chain: it answers, or hands the exchange on with {@link Chain#proceed}. */
interface Stage {

    /** The built-in stage this is, or null for a host's stage. */
    StageName name();

    ReceiveResult run(Exchange ex, Chain chain);
}
