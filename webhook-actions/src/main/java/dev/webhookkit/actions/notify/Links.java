package dev.webhookkit.actions.notify;

import java.net.URI;

/** A link's URL as it may stand inside Markdown's {@code [label](url)}. */
final class Links {
    private Links() {
    }

    /**
     * The URL in ASCII with its parentheses percent-encoded: a ')' would end the link early (a parsed
     * {@link URI} cannot hold spaces, '<', '>', '|' or '\').
     */
    static String markdownTarget(URI link) {
        return link.toASCIIString().replace("(", "%28").replace(")", "%29");
    }
}
