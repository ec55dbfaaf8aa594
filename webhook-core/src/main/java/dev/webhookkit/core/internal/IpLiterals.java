package dev.webhookkit.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever doing a DNS look-up. */
public final class IpLiterals {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiterals() {
    }

    /** An IPv4 or IPv6 literal, optionally bracketed or with a port; empty for anything else. */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        var withPort = IPV4_WITH_PORT.matcher(s);
        if (withPort.matches()) {
            s = withPort.group(1);
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            s = s.substring(1, close);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        boolean v4 = IPV4.matcher(s).matches();
        boolean v6 = !v4 && s.indexOf(':') >= 0 && IPV6.matcher(s).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // A literal, checked above: getByName parses it and does no look-up.
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
