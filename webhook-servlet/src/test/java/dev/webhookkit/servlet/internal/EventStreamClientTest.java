package dev.webhookkit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.HandlerResponse;
import dev.webhookkit.core.Reason;
import dev.webhookkit.servlet.ListenerCountingEventLog;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The per-client queue and writer without a container: an output stream whose readiness the test
 * controls stands for a slow or gone client. Writes run on the caller's thread.
 */
class EventStreamClientTest {
    private final ListenerCountingEventLog log = new ListenerCountingEventLog();
    private final ControlledOutput out = new ControlledOutput();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final List<EventStreamClient> closed = new ArrayList<>();

    @Test
    void slowClientKeepsTheOldestRecordsAndReportsTheDroppedOnes() {
        EventStreamClient client = start(2, record -> true, 0);
        out.ready = false;

        for (int i = 1; i <= 5; i++) {
            log.record(record("e" + i, "alerts"));
        }
        out.becomeReady();

        assertThat(out.text()).containsSubsequence("id: e1", "id: e2", ": dropped 3 events")
                .doesNotContain("id: e3", "id: e4", "id: e5");
        log.record(record("e6", "alerts"));
        assertThat(out.text()).endsWith("id: e6\ndata: " + EventJson.of(record("e6", "alerts")) + "\n\n");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void gapIsReportedWhereTheRecordsWereLost() {
        start(1, record -> true, 0);
        out.ready = false;
        log.record(record("e1", "alerts"));
        log.record(record("e2", "alerts"));
        out.becomeReady();
        log.record(record("e3", "alerts"));

        assertThat(out.text()).containsSubsequence("id: e1", ": dropped 1 events", "id: e3");
    }

    @Test
    void recordsOfOtherEndpointsAreNotSent() {
        start(10, record -> record.endpoint().equals("wanted"), 0);

        log.record(record("e1", "other"));
        log.record(record("e2", "wanted"));

        assertThat(out.text()).contains("id: e2").doesNotContain("id: e1");
    }

    @Test
    void failedWriteClosesTheClientAndRemovesItsListener() {
        EventStreamClient client = start(10, record -> true, 0);
        assertThat(log.listenerCount()).isEqualTo(1);
        out.failWrites = true;

        log.record(record("e1", "alerts"));

        assertThat(client.isClosed()).isTrue();
        assertThat(log.listenerCount()).isZero();
        assertThat(completed).isTrue();
        assertThat(closed).containsExactly(client);
    }

    @Test
    void heartbeatWritesACommentLine() {
        EventStreamClient client = start(10, record -> true, 0);

        client.heartbeat();

        assertThat(out.text()).endsWith(": keep-alive\n\n");
    }

    @Test
    void replayedRecordThatAlsoArrivesLiveIsSentOnce() {
        log.record(record("old", "alerts"));
        log.recordBeforeNextSnapshot(record("raced", "alerts")); // after the listener is added, before the snapshot

        start(10, record -> true, 5);

        String text = out.text();
        assertThat(text).containsSubsequence("id: old", "id: raced");
        assertThat(text.indexOf("id: raced")).isEqualTo(text.lastIndexOf("id: raced"));
    }

    private EventStreamClient start(int capacity, java.util.function.Predicate<EventRecord> filter, int replay) {
        EventStreamClient client = new EventStreamClient(asyncContext(), out, filter, capacity, Runnable::run, closed::add);
        client.start(log, log::subscribe, replay, Math.max(replay, 1), "opening\n\n".getBytes(StandardCharsets.US_ASCII));
        client.beginWriting();
        return client;
    }

    private AsyncContext asyncContext() {
        return (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "complete" -> completed.set(true);
                        case "addListener" -> assertThat(args[0]).isInstanceOf(AsyncListener.class);
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    private static EventRecord record(String id, String endpoint) {
        return new EventRecord(id, endpoint, Instant.parse("2026-11-22T12:00:00Z"), 200, Reason.PROCESSED, "alert.firing", "", "",
                new byte[0], false, List.of(), "", HandlerResponse.empty(), "", "", Duration.ZERO);
    }

    /** An output whose readiness the test sets; becoming ready calls the write listener as a container would. */
    private static final class ControlledOutput extends ServletOutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private WriteListener listener;
        boolean ready = true;
        boolean failWrites;

        void becomeReady() {
            ready = true;
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            this.listener = writeListener;
            becomeReady();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failWrites) {
                throw new IOException("Broken pipe");
            }
            bytes.write(b, off, len);
        }
    }
}
