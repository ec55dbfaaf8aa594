package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.IpAllowlist;
import dev.webhookkit.core.internal.ForwardedFor;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request, read from the right of its {@code X-Forwarded-For} chain by the rule the
 * receiver uses ({@link ForwardedFor}), and how many trusted hops handled it, because each trusted proxy appends one entry to the other
 * {@code X-Forwarded-*} headers: the entry written by the proxy that talked to the client is the
 * {@code trustedHops}-th from the right, and anything left of it came from the client itself.
 *
 * @param client the client's address; empty when the peer's address is not an IP literal
 * @param trustedHops how many trusted proxies handled the request (0: the peer is the client)
 */
public record ForwardedChain(Optional<InetAddress> client, int trustedHops) {
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    public static ForwardedChain of(HttpServletRequest request, Optional<IpAllowlist> trustedProxies) {
        ForwardedFor walked = ForwardedFor.resolve(trustedProxies.orElse(null), request.getRemoteAddr(),
                entries(request, FORWARDED_FOR));
        return new ForwardedChain(walked.client(), walked.trustedHops());
    }

    /**
     * The entry of an {@code X-Forwarded-*} header written by the outermost trusted proxy: the
     * {@code trustedHops}-th from the right, or the left-most when the proxies wrote fewer
     * (a proxy that replaces the header instead of appending). Empty without trusted hops.
     */
    public Optional<String> trustedEntry(HttpServletRequest request, String header) {
        if (trustedHops == 0) {
            return Optional.empty();
        }
        List<String> values = entries(request, header);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(Math.max(0, values.size() - trustedHops));
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Every comma-separated entry of every line of a header, in order, trimmed. */
    static List<String> entries(HttpServletRequest request, String header) {
        Enumeration<String> lines = request.getHeaders(header);
        if (lines == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String line : Collections.list(lines)) {
            for (String entry : line.split(",")) {
                out.add(entry.trim());
            }
        }
        return out;
    }
}
