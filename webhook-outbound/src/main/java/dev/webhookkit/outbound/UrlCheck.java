package dev.webhookkit.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard's answer for one URL.
 *
 * @param url the URL checked
 * @param rejection why it was refused, empty when allowed
 * @param detail a human-readable explanation (the address that was refused …), "" when allowed
 * @param addresses the addresses the host resolved to (empty when it did not resolve)
 */
public record UrlCheck(URI url, Optional<UrlRejection> rejection, String detail, List<InetAddress> addresses) {
    public UrlCheck {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(detail, "detail");
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
    }

    static UrlCheck allowed(URI url, List<InetAddress> addresses) {
        return new UrlCheck(url, Optional.empty(), "", addresses);
    }

    static UrlCheck rejected(URI url, UrlRejection reason, String detail, List<InetAddress> addresses) {
        return new UrlCheck(url, Optional.of(reason), detail, addresses);
    }

    public boolean isAllowed() {
        return rejection.isEmpty();
    }
}
