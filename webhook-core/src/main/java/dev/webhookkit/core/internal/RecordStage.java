package dev.webhookkit.core.internal;

import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.spi.ReceiveListener;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The outermost link: records every exit, and turns anything a stage throws into 500
 * INTERNAL_ERROR naming that stage, so nothing escapes to the host's server.
 */
final class RecordStage implements Stage {
    private final Recorder recorder;
    private final ReceiveListener listener;
    private final Logger log;

    RecordStage(Recorder recorder, ReceiveListener listener, Logger log) {
        this.recorder = recorder;
        this.listener = listener;
        this.log = log;
    }

    @Override
    public StageName name() {
        return StageName.RECORD;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        ReceiveResult result;
        try {
            result = next.proceed(ex);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            log.error("event {} on {}: stage {} failed unexpectedly", ex.eventId, ex.loggedEndpoint(), ex.failedAt(), e);
            ex.error = "stage " + ex.failedAt() + " failed: " + Exchange.describe(e);
            ex.recorded = false;
            result = ex.answer(Reason.INTERNAL_ERROR);
        }
        if (!ex.recorded) {
            recorder.record(ex, result);
        }
        if (listener != ReceiveListener.NONE) {
            ReceiveResult answered = result;
            Duration took = Duration.ofNanos(System.nanoTime() - ex.startNanos);
            Chain.notify(() -> listener.requestEnded(ex.eventId, ex.endpointName, answered.reason(), took));
        }
        return result;
    }
}
