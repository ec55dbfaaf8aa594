package dev.webhookkit.outbound.internal;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of an answer for the delivery log and discards the rest, reading on up to
 * a bound so the connection can be reused; an answer longer than that is cut off (the connection
 * is closed) so a subscriber cannot keep a worker busy with an endless body.
 */
final class SnippetSubscriber implements HttpResponse.BodySubscriber<String> {
    /** Bytes read (and thrown away) past the snippet before giving up on an answer. */
    static final long MAX_DRAIN_BYTES = 256 * 1024;

    private final byte[] snippet;
    private int kept;
    private long seen;
    private Flow.Subscription subscription;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    SnippetSubscriber(int limit) {
        this.snippet = new byte[limit];
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), snippet.length - kept);
            if (n > 0) {
                b.get(snippet, kept, n);
                kept += n;
            }
            seen += n + b.remaining();
        }
        if (seen > MAX_DRAIN_BYTES && !result.isDone()) {
            subscription.cancel();
            result.complete(text());
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(text());
    }

    private String text() {
        return new String(snippet, 0, kept, StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
