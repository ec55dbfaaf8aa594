package dev.webhookkit.core.internal;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.EndpointRegistry;
import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.ReceiveResult;
import dev.webhookkit.core.StageName;
import dev.webhookkit.core.TrustedProxies;
import dev.webhookkit.core.WebhookRequest;
import dev.webhookkit.core.spi.Deduplicator;
import dev.webhookkit.core.spi.EventLog;
import dev.webhookkit.core.spi.EventLogListener;
import dev.webhookkit.core.spi.RateLimiter;
import dev.webhookkit.core.spi.ReceiveListener;
import dev.webhookkit.core.spi.ReceiveStage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving stages as one chain, outermost first: record, route, guard, verify, parse,
 * handshake, dedup, map, filter, render, handle. Each stage is its own unit ({@code *Stage} in this
 * package) with its slice of the configuration; the host's own stages are linked in where it asked.
 */
public final class ReceivingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger("dev.webhookkit.core.WebhookReceiver");

    private final Chain chain;
    private final HandleStage handle;
    private final ReceiveListener listener;
    private final Clock clock;

    /** Where a host's stage goes: before or after a built-in one. */
    public record Insertion(StageName anchor, boolean before, ReceiveStage stage) {
    }

    public ReceivingPipeline(EndpointRegistry registry, Deduplicator deduplicator, EventLog eventLog, RateLimiter rateLimiter,
                             Clock clock, Executor executor, TrustedProxies trustedProxies, int maxJsonDepth,
                             List<Insertion> hostStages, ReceiveListener listener, Fanout<EventLogListener> recordListeners) {
        this.listener = listener;
        this.clock = clock;
        Recorder recorder = new Recorder(eventLog, recordListeners, clock, LOG);
        this.handle = new HandleStage(executor, recorder, listener, LOG);
        List<Stage> stages = new ArrayList<>(List.of(
                new RecordStage(recorder, listener, LOG),
                new RouteStage(registry, listener),
                new GuardStage(trustedProxies, rateLimiter, LOG),
                new VerifyStage(rateLimiter, listener, LOG),
                new ParseStage(new PayloadParser(maxJsonDepth)),
                new HandshakeStage(),
                new DedupStage(deduplicator, LOG),
                new MapStage(),
                new FilterStage(),
                new RenderStage(),
                handle));
        for (Insertion insertion : hostStages) {
            insert(stages, insertion);
        }
        this.chain = Chain.of(stages, listener);
    }

    private static void insert(List<Stage> stages, Insertion insertion) {
        if (!insertion.before() && insertion.anchor() == StageName.HANDLE) {
            throw new ConfigurationException("no stage runs after HANDLE, which answers without going on; "
                    + "use stageBefore(HANDLE, …) and look at the answer of proceed()");
        }
        int at = -1;
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name() == insertion.anchor()) {
                at = i;
            }
        }
        if (insertion.before()) {
            // Before RECORD would escape recording and error handling: the outermost a host stage goes is just inside it.
            at = Math.max(at, 1);
            stages.add(at, new HostStage(insertion.stage(), "before " + insertion.anchor()));
        } else {
            at++;
            while (at < stages.size() && stages.get(at).name() == null) {
                at++;
            }
            stages.add(at, new HostStage(insertion.stage(), "after " + insertion.anchor()));
        }
    }

    public ReceiveResult receive(String endpointName, WebhookRequest request) {
        if (!request.hasReceivedAt()) {
            request = request.withReceivedAt(clock.instant()); // the receiver's clock, which tests can step
        }
        Exchange ex = new Exchange(EventIds.next(), endpointName, request, System.nanoTime());
        if (listener != ReceiveListener.NONE) {
            Chain.notify(() -> listener.requestStarted(ex.eventId, endpointName));
        }
        return chain.proceed(ex);
    }

    /**
     * Runs a recorded event's request again under a new event id: the guard, verify, handshake and
     * dedup stages let it through untouched, and its record names the event it replays. The caller
     * has checked that the original was verified and kept whole.
     */
    public ReceiveResult replay(EventRecord original, WebhookRequest request) {
        Exchange ex = new Exchange(EventIds.next(), original.endpoint(), request.withReceivedAt(clock.instant()), System.nanoTime());
        ex.replayOf = original.isReplay() ? original.replayOf() : original.eventId(); // never a chain of replays
        ex.verified = true;
        ex.acceptedUnsigned = original.acceptedUnsigned();
        ex.matchedKeyId = original.matchedKeyId();
        if (listener != ReceiveListener.NONE) {
            Chain.notify(() -> listener.requestStarted(ex.eventId, ex.endpointName));
        }
        return chain.proceed(ex);
    }

    /** See {@link HandleStage#close}. */
    public int close(Duration wait) {
        return handle.close(wait);
    }
}
