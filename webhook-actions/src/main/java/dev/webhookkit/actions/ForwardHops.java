package dev.webhookkit.actions;

import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.Headers;
import dev.webhookkit.core.Reason;
import dev.webhookkit.core.spi.ReceiveStage;
import java.util.List;
import java.util.OptionalInt;

/**
 * The forwarding hop count, a contract between webhookkit senders and receivers: every request a
 * {@link ForwardAction} sends carries {@value #HEADER}{@code : N}, the number of forwards it has
 * passed (1 for a first forward), and a receiver refuses a request with {@code N >=} its limit
 * (default {@value #DEFAULT_LIMIT}) as {@link Reason#LOOP_DETECTED} 508, which the dispatcher does
 * not retry. A loop (A forwards to B, B to A) therefore ends after at most limit − 1 forwards.
 *
 * <p>The count only goes up: a forward sends the incoming count + 1 and never copies the header
 * from the original request; with several values the largest counts; a value that is not a count
 * of 0 to {@value #MAX_COUNT} (negative, text, huge) is treated as past any limit. So a sender that
 * sets the header itself can make a request stop sooner, never travel further.
 */
public final class ForwardHops {
    /** The header's name (a contract: do not rename). */
    public static final String HEADER = "Webhookkit-Forwarded-Hops";
    /** The default hop limit of the guard and of a forward. */
    public static final int DEFAULT_LIMIT = 5;
    /** The largest count a header may carry, and the largest limit. */
    public static final int MAX_COUNT = 100;

    private ForwardHops() {
    }

    /**
     * The hops a request has passed: 0 without the header, the largest value with several, empty
     * when a value is not a count of 0 to {@value #MAX_COUNT} (treat as past the limit).
     */
    public static OptionalInt count(Headers headers) {
        List<String> values = headers.all(HEADER);
        int most = 0;
        for (String raw : values) {
            // One header line may carry a comma-separated list (RFC 9110 §5.3); each element counts.
            for (String part : raw.split(",", -1)) {
                String v = part.strip();
                if (v.isEmpty() || v.length() > 3 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return OptionalInt.empty();
                }
                int n = Integer.parseInt(v);
                if (n > MAX_COUNT) {
                    return OptionalInt.empty();
                }
                most = Math.max(most, n);
            }
        }
        return OptionalInt.of(most);
    }

    /** True when a request with these headers has passed {@code limit} hops (or says so unreadably). */
    public static boolean exceeded(Headers headers, int limit) {
        OptionalInt n = count(headers);
        return n.isEmpty() || n.getAsInt() >= limit;
    }

    /** {@link #guard(int)} with {@value #DEFAULT_LIMIT}. */
    public static ReceiveStage guard() {
        return guard(DEFAULT_LIMIT);
    }

    /**
     * A receiving stage that refuses requests past {@code limit} hops with {@link Reason#LOOP_DETECTED}.
     * Link it after verification, so that only authenticated requests are told about loops:
     * {@code WebhookReceiver.builder().stageAfter(StageName.VERIFY, ForwardHops.guard())}.
     *
     * @param limit 1 to {@value #MAX_COUNT}
     */
    public static ReceiveStage guard(int limit) {
        checkLimit("hop limit", limit);
        return chain -> exceeded(chain.request().headers(), limit) ? chain.reject(Reason.LOOP_DETECTED) : chain.proceed();
    }

    static int checkLimit(String what, int limit) {
        if (limit < 1 || limit > MAX_COUNT) {
            throw new ConfigurationException(what + " must be 1 to " + MAX_COUNT + " but was " + limit);
        }
        return limit;
    }
}
