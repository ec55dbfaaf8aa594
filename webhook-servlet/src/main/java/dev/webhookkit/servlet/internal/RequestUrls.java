package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The full request URL as the sender addressed it — scheme, host, port, raw path and raw query —
 * which Twilio-style schemes sign. Behind a TLS-terminating proxy the container sees its own
 * scheme and host, so when the connection comes from a trusted proxy the
 * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port} entries written
 * by the outermost trusted proxy — the one that also names the client address
 * ({@link ForwardedChain}) — are used instead; entries the client put in front are ignored.
 */
public final class RequestUrls {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-fA-F:.]+\\](:[0-9]{1,5})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private RequestUrls() {
    }

    public static String fullUrl(HttpServletRequest request, Optional<IpAllowlist> trustedProxies) {
        return fullUrl(request, ForwardedChain.of(request, trustedProxies));
    }

    public static String fullUrl(HttpServletRequest request, ForwardedChain chain) {
        StringBuilder url;
        if (chain.trustedHops() > 0) {
            url = forwardedOrigin(request, chain);
            url.append(request.getRequestURI());
        } else {
            url = new StringBuilder(request.getRequestURL());
        }
        String query = request.getQueryString();
        if (query != null) {
            url.append('?').append(query);
        }
        return url.toString();
    }

    private static StringBuilder forwardedOrigin(HttpServletRequest request, ForwardedChain chain) {
        String scheme = chain.trustedEntry(request, "X-Forwarded-Proto").map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("http") || s.equals("https")).orElse(request.getScheme());
        String host = chain.trustedEntry(request, "X-Forwarded-Host").filter(h -> HOST.matcher(h).matches()).orElse(null);
        Optional<String> port = chain.trustedEntry(request, "X-Forwarded-Port").filter(p -> PORT.matcher(p).matches());
        StringBuilder origin = new StringBuilder(scheme).append("://");
        if (host == null) {
            origin.append(request.getServerName());
            appendPort(origin, scheme, port.map(Integer::parseInt).orElse(request.getServerPort()));
        } else if (port.isPresent() && !hasPort(host)) {
            origin.append(host);
            appendPort(origin, scheme, Integer.parseInt(port.get()));
        } else {
            origin.append(host);
        }
        return origin;
    }

    private static boolean hasPort(String host) {
        int bracket = host.lastIndexOf(']');
        return host.indexOf(':', bracket + 1) >= 0;
    }

    private static void appendPort(StringBuilder origin, String scheme, int port) {
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        if (!defaultPort && port > 0) {
            origin.append(':').append(port);
        }
    }
}
