package dev.webhookkit.servlet.internal;

import dev.webhookkit.core.IpAllowlist;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The full request URL as the sender addressed it — scheme, host, port, raw path and raw query —
 * which Twilio-style schemes sign. Behind a TLS-terminating proxy the container sees its own
 * scheme and host, so when the connection comes from a trusted proxy its
 * {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port} are used instead.
 */
public final class RequestUrls {
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.%a-zA-Z]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-fA-F:.]+\\](:[0-9]{1,5})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private RequestUrls() {
    }

    public static String fullUrl(HttpServletRequest request, Optional<IpAllowlist> trustedProxies) {
        StringBuilder url;
        if (trustedProxies.isPresent() && fromTrustedProxy(request, trustedProxies.get())) {
            url = forwardedOrigin(request);
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

    private static boolean fromTrustedProxy(HttpServletRequest request, IpAllowlist proxies) {
        String peer = request.getRemoteAddr();
        if (peer == null || !IP_LITERAL.matcher(peer).matches()) {
            return false; // never resolve a host name here
        }
        try {
            return proxies.allows(InetAddress.getByName(peer));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static StringBuilder forwardedOrigin(HttpServletRequest request) {
        String scheme = firstValue(request.getHeader("X-Forwarded-Proto")).map(s -> s.toLowerCase(Locale.ROOT))
                .filter(s -> s.equals("http") || s.equals("https")).orElse(request.getScheme());
        String host = firstValue(request.getHeader("X-Forwarded-Host")).filter(h -> HOST.matcher(h).matches()).orElse(null);
        Optional<String> port = firstValue(request.getHeader("X-Forwarded-Port")).filter(p -> PORT.matcher(p).matches());
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

    /** The first entry of a possibly comma-separated header value (a chain of proxies). */
    private static Optional<String> firstValue(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int comma = header.indexOf(',');
        String first = (comma >= 0 ? header.substring(0, comma) : header).trim();
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }
}
