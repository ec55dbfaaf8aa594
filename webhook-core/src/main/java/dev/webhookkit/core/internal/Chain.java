package dev.webhookkit.core.internal;

import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.spi.ReceiveListener;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stages from one position on; immutable, one per position, shared by all requests. */
final class Chain {
    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

    private final Stage stage;
    private final Chain next;
    private final ReceiveListener listener;

    private Chain(Stage stage, Chain next, ReceiveListener listener) {
        this.stage = stage;
        this.next = next;
        this.listener = listener;
    }

    /**
     * The chain of {@code stages} in order; the last one must answer without proceeding. The
     * listener hears of each stage only if it {@linkplain ReceiveListener#observesStages() observes} them.
     */
    static Chain of(List<Stage> stages, ReceiveListener listener) {
        ReceiveListener stageListener = listener.observesStages() ? listener : ReceiveListener.NONE;
        Chain chain = null;
        for (int i = stages.size() - 1; i >= 0; i--) {
            chain = new Chain(stages.get(i), chain, stageListener);
        }
        return chain;
    }

    /**
     * Runs this position's stage (which may go on down the chain). The exchange keeps the deepest
     * stage reached, and the first stage a failure passes through names it.
     */
    ReceiveResult proceed(Exchange ex) {
        StageName name = stage.name();
        if (name == null) {
            return stage.run(ex, next);
        }
        ex.stage = name;
        if (listener == ReceiveListener.NONE) { // nobody times the stages: no clock reads
            try {
                return stage.run(ex, next);
            } catch (RuntimeException | Error e) {
                ex.failedAt(name.name());
                throw e;
            }
        }
        notify(() -> listener.stageStarted(ex.eventId, name));
        long start = System.nanoTime();
        try {
            return stage.run(ex, next);
        } catch (RuntimeException | Error e) {
            ex.failedAt(name.name());
            throw e;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            notify(() -> listener.stageEnded(ex.eventId, name, took));
        }
    }

    static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("receive listener failed: {}", e.toString());
        }
    }
}
