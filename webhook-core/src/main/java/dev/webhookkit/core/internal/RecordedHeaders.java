package dev.webhookkit.core.internal;

import dev.webhookkit.core.EventRecord;
import dev.webhookkit.core.Headers;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The headers an event record keeps: credential-bearing values replaced by
 * {@link EventRecord#REDACTED} before anything is stored, and at most
 * {@link EventRecord#MAX_HEADER_CHARS} of header text, so no event log ever holds a secret or an
 * unbounded header block.
 */
public final class RecordedHeaders {
    /** Carry credentials whatever the endpoint's scheme. */
    private static final List<String> ALWAYS_SECRET = List.of("authorization", "proxy-authorization", "cookie");
    /** Per value on top of name and value: ": " and CRLF, as on the wire. */
    private static final int OVERHEAD_PER_VALUE = 4;

    private RecordedHeaders() {
    }

    /**
     * {@code received} as it may be stored: the values of {@code secretHeaders} (and of
     * Authorization, Proxy-Authorization and Cookie) redacted, headers past the bound dropped.
     */
    public static Headers of(Headers received, List<String> secretHeaders) {
        Set<String> secret = new HashSet<>(ALWAYS_SECRET);
        for (String name : secretHeaders) {
            secret.add(name.toLowerCase(Locale.ROOT));
        }
        Headers.Builder kept = Headers.builder();
        int chars = 0;
        for (Map.Entry<String, List<String>> header : received.toMap().entrySet()) {
            String name = header.getKey();
            boolean redact = secret.contains(name.toLowerCase(Locale.ROOT));
            for (String value : header.getValue()) {
                String stored = redact ? EventRecord.REDACTED : value;
                chars += name.length() + stored.length() + OVERHEAD_PER_VALUE;
                if (chars > EventRecord.MAX_HEADER_CHARS) {
                    return kept.build(); // arrival order: what came first is kept whole
                }
                kept.add(name, stored);
            }
        }
        return kept.build();
    }

    /** The recorded headers without the redacted ones, whose values are gone (what a replay can send). */
    public static Headers withoutRedacted(Headers recorded) {
        Headers.Builder out = Headers.builder();
        recorded.toMap().forEach((name, values) -> values.forEach(v -> {
            if (!EventRecord.REDACTED.equals(v)) {
                out.add(name, v);
            }
        }));
        return out.build();
    }
}
