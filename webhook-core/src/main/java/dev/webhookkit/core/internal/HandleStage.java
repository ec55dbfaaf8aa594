package dev.webhookkit.core.internal;

import dev.webhookkit.core.HandlerMode;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.WebhookEvent;
import dev.webhookkit.core.spi.ReceiveListener;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Runs the host's handler: now (PROCESSED with its response) or, in ASYNC mode, on the executor
 * (ACCEPTED now, the outcome recorded when it ends). Tracks accepted async events so that
 * {@link #close} can drain them or record them as failed.
 */
final class HandleStage implements Stage {
    private final Executor executor;
    private final Recorder recorder;
    private final ReceiveListener listener;
    private final Logger log;
    private final Set<AsyncWork> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    HandleStage(Executor executor, Recorder recorder, ReceiveListener listener, Logger log) {
        this.executor = executor;
        this.recorder = recorder;
        this.listener = listener;
        this.log = log;
    }

    @Override
    public StageName name() {
        return StageName.HANDLE;
    }

    @Override
    public ReceiveResult run(Exchange ex, Chain next) {
        HandlerMode mode = ex.mode != null ? ex.mode : ex.endpoint.mode();
        return mode == HandlerMode.SYNC ? handle(ex) : handleLater(ex);
    }

    private ReceiveResult handle(Exchange ex) {
        WebhookEvent event = ex.event;
        HandlerResponse response;
        try {
            response = event.endpoint().handler().handle(event);
        } catch (Exception e) {
            return failed(ex, e);
        }
        return ex.answer(Reason.PROCESSED, response == null ? HandlerResponse.empty() : response, Optional.empty());
    }

    private ReceiveResult failed(Exchange ex, Exception e) {
        log.warn("event {} on {}: handler failed", ex.eventId, ex.loggedEndpoint(), e);
        return ex.fail(Reason.HANDLER_FAILED, e);
    }

    private ReceiveResult handleLater(Exchange ex) {
        if (closed) {
            ex.error = "receiver is closing";
            return ex.answer(Reason.OVERLOADED);
        }
        // Record ACCEPTED before the task can run, so its outcome always replaces ACCEPTED and never the reverse.
        ReceiveResult accepted = ex.answer(Reason.ACCEPTED);
        recorder.record(ex, accepted);
        ex.recorded = true;
        AsyncWork work = new AsyncWork(ex);
        pending.add(work);
        try {
            executor.execute(() -> runLater(work));
        } catch (RejectedExecutionException e) {
            pending.remove(work);
            log.warn("event {} on {}: handler executor refused the event; answering 503", ex.eventId, ex.loggedEndpoint());
            ex.recorded = false;
            ex.error = "handler executor is full or shut down";
            return ex.answer(Reason.OVERLOADED);
        }
        return accepted;
    }

    private void runLater(AsyncWork work) {
        if (!work.start()) {
            return; // abandoned by close(): already recorded as failed
        }
        Exchange ex = work.exchange;
        try {
            ReceiveResult outcome = handle(ex);
            // Past close()'s wait the event was recorded as failed; only a late success still tells the truth.
            if (!work.abandoned() || outcome.reason() == Reason.PROCESSED) {
                complete(ex, outcome);
            }
        } catch (Error e) {
            complete(ex, ex.fail(Reason.HANDLER_FAILED, new IllegalStateException(e.toString(), e)));
            throw e;
        } finally {
            pending.remove(work);
        }
    }

    private void complete(Exchange ex, ReceiveResult outcome) {
        DedupStage.settle(ex, outcome.reason() == Reason.PROCESSED, log);
        recorder.record(ex, outcome);
        if (listener != ReceiveListener.NONE) {
            Duration took = Duration.ofNanos(System.nanoTime() - ex.startNanos);
            Chain.notify(() -> listener.asyncCompleted(ex.eventId, ex.endpointName, outcome.reason(), took));
        }
    }

    /**
     * Stops taking async events (they are answered 503 OVERLOADED), waits up to {@code wait} for
     * accepted ones to finish, and records each one still queued or running as HANDLER_FAILED with
     * its delivery key released, so the sender's retry is processed: no accepted event is lost
     * silently.
     *
     * @return the number of accepted events recorded as failed
     */
    int close(Duration wait) {
        closed = true;
        long deadline = System.nanoTime() + wait.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int abandoned = 0;
        for (AsyncWork work : pending) {
            boolean neverStarted = work.abandon();
            Exchange ex = work.exchange;
            ex.error = neverStarted ? "receiver closed before the handler ran" : "receiver closed while the handler was still running";
            complete(ex, ex.answer(Reason.HANDLER_FAILED));
            pending.remove(work);
            abandoned++;
        }
        if (abandoned > 0) {
            log.warn("receiver closed with {} accepted async events unfinished after {} ms: recorded as HANDLER_FAILED, "
                    + "their delivery keys released so redeliveries are processed", abandoned, wait.toMillis());
        }
        return abandoned;
    }

    /** An accepted async event: queued, running, or abandoned by close(). */
    private static final class AsyncWork {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int ABANDONED = 2;

        final Exchange exchange;
        private final AtomicInteger state = new AtomicInteger(QUEUED);

        AsyncWork(Exchange exchange) {
            this.exchange = exchange;
        }

        boolean start() {
            return state.compareAndSet(QUEUED, RUNNING);
        }

        boolean abandoned() {
            return state.get() == ABANDONED;
        }

        /** @return true when the handler never started (and now never will) */
        boolean abandon() {
            return state.getAndSet(ABANDONED) == QUEUED;
        }
    }
}
