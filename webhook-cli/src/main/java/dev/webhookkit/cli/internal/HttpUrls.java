package dev.webhookkit.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one check of every URL a command sends to: http or https, with a host, without credentials
 * (they would be sent in clear to whoever answers, and show in the process list) and without a fragment.
 */
final class HttpUrls {
    private HttpUrls() {
    }

    /** @throws picocli.CommandLine.ParameterException (exit 2) naming {@code option} unless {@code value} is such a URL */
    static URI parse(CommandSpec spec, String option, String value) {
        String trimmed = value.trim();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, as for any other URL that is not one
        }
        // A value with '@' may carry a password: it is not repeated.
        String shown = trimmed.contains("@") ? "(not shown: it may hold credentials)" : "'" + trimmed + "'";
        throw Usage.error(spec, option + " must be an http or https URL with a host (no credentials, no fragment) but was " + shown);
    }
}
