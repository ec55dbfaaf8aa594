package dev.webhookkit.core;

import java.util.List;
import java.util.Objects;

/**
 * The results of every endpoint that shares a path (Octipus runs all hooks on a path), and the one
 * that decides the HTTP answer ({@link #primary()}):
 * <ol>
 *   <li>the first 5xx result, if any — the sender retries, and endpoints that already processed
 *       the delivery answer the retry with DUPLICATE;</li>
 *   <li>else the first 2xx result — at least one endpoint took the event;</li>
 *   <li>else the first result (every endpoint refused it, e.g. 401 or 404).</li>
 * </ol>
 *
 * @param results one per endpoint on the path, in name order; one UNKNOWN_ENDPOINT result when none
 * @param primary the result the HTTP answer is made from
 */
public record PathResult(List<ReceiveResult> results, ReceiveResult primary) {
    public PathResult {
        results = List.copyOf(results);
        Objects.requireNonNull(primary, "primary");
    }

    /** Combines per-endpoint results by the rule above. */
    public static PathResult of(List<ReceiveResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("results must not be empty");
        }
        ReceiveResult chosen = results.stream().filter(r -> r.status() >= 500).findFirst()
                .or(() -> results.stream().filter(ReceiveResult::isSuccess).findFirst())
                .orElse(results.get(0));
        return new PathResult(results, chosen);
    }

    public int status() {
        return primary.status();
    }

    public Reason reason() {
        return primary.reason();
    }
}
