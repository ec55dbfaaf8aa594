package dev.webhookkit.cli.internal;

import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Collects what a command running on another thread prints, one chunk per flush: with an
 * auto-flushing PrintWriter that is one chunk per {@code println}, so a multi-line report arrives whole.
 */
final class ChunkWriter extends Writer {
    private final StringBuilder pending = new StringBuilder();
    private final BlockingQueue<String> chunks = new LinkedBlockingQueue<>();

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        pending.append(buf, off, len);
    }

    @Override
    public synchronized void flush() {
        if (pending.length() > 0) {
            chunks.add(pending.toString());
            pending.setLength(0);
        }
    }

    @Override
    public void close() {
        flush();
    }

    /** The next chunk, waiting at most 10 s. */
    String next() throws InterruptedException {
        String chunk = chunks.poll(10, TimeUnit.SECONDS);
        if (chunk == null) {
            throw new AssertionError("nothing printed within 10 s");
        }
        return chunk;
    }

    /** Everything printed so far and not yet taken. */
    String drain() {
        flush();
        StringBuilder sb = new StringBuilder();
        String c;
        while ((c = chunks.poll()) != null) {
            sb.append(c);
        }
        return sb.toString();
    }
}
