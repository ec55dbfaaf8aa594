package dev.webhookkit.actions.notify;

import dev.webhookkit.core.Alert;
import dev.webhookkit.core.AlertStatus;
import dev.webhookkit.core.Severity;
import dev.webhookkit.core.WebhookEvent;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one notification says, before a {@link NotifyFormat} puts it into a target's native body:
 * a title, the text (plain text: every format escapes it for its own markup), the severity and status
 * of the alert it is about, and a link if there is one.
 *
 * <p>{@link #of(WebhookEvent, String)} derives it from an event: the first alert decides title,
 * severity, status and link (a title gains "(+N more)" when the event carries several alerts);
 * without alerts the title is the event type, else the endpoint's name, and the status is
 * {@link AlertStatus#TRIGGER}. Immutable and thread-safe.
 */
public final class Notification {
    private final String title;
    private final String text;
    private final Severity severity;
    private final AlertStatus status;
    private final URI link;
    private final String eventId;
    private final String endpoint;
    private final String eventType;

    private Notification(Builder b) {
        this.title = b.title;
        this.text = b.text;
        this.severity = b.severity;
        this.status = b.status;
        this.link = b.link;
        this.eventId = b.eventId;
        this.endpoint = b.endpoint;
        this.eventType = b.eventType;
    }

    /** A notification with this title; everything else is optional. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * The notification of an event.
     *
     * @param text the text to send: a per-target template's output or the endpoint's rendered message;
     *     when blank, the first alert's description, else its title
     */
    public static Notification of(WebhookEvent event, String text) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(text, "text");
        Builder b;
        if (event.alerts().isEmpty()) {
            b = builder(event.eventTypeIfKnown().orElse(event.endpoint().name()));
        } else {
            Alert first = event.alerts().get(0);
            int more = event.alerts().size() - 1;
            b = builder(more > 0 ? first.title() + " (+" + more + " more)" : first.title())
                    .severity(first.severity()).status(first.status());
            for (String candidate : first.links()) {
                Optional<URI> link = webLink(candidate);
                if (link.isPresent()) {
                    b.link(link.get());
                    break;
                }
            }
            if (text.isBlank()) {
                text = first.description().orElse(first.title());
            }
        }
        return b.text(text).eventId(event.eventId()).endpoint(event.endpoint().name()).eventType(event.eventType()).build();
    }

    /** The longest link kept (longer ones are dropped): every format must still fit its text limit. */
    public static final int MAX_LINK_LENGTH = 2048;

    /** An absolute http(s) URL, or empty: a link a chat client may open, and nothing it could misparse. */
    static Optional<URI> webLink(String candidate) {
        if (candidate.length() > MAX_LINK_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(candidate.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    public String title() {
        return title;
    }

    /** Plain text; "" when there is none. */
    public String text() {
        return text;
    }

    /** The alert's severity; empty when the event carried no alert. */
    public Optional<Severity> severity() {
        return Optional.ofNullable(severity);
    }

    public AlertStatus status() {
        return status;
    }

    /** The words a reader sees for the status: {@code firing}, {@code acknowledged}, {@code resolved}. */
    public String statusLabel() {
        switch (status) {
            case RESOLVE:
                return "resolved";
            case ACKNOWLEDGE:
                return "acknowledged";
            default:
                return "firing";
        }
    }

    /** An absolute http(s) link about the alert. */
    public Optional<URI> link() {
        return Optional.ofNullable(link);
    }

    /** The id of the event it reports, "" when built by hand. */
    public String eventId() {
        return eventId;
    }

    /** The endpoint that received the event, "" when built by hand. */
    public String endpoint() {
        return endpoint;
    }

    /** The sender's event type, "" when none. */
    public String eventType() {
        return eventType;
    }

    @Override
    public String toString() {
        return "Notification[" + title + ", " + (severity == null ? "no severity" : severity.id()) + ", " + statusLabel() + "]";
    }

    /** Collects a notification's fields; not thread-safe. */
    public static final class Builder {
        private final String title;
        private String text = "";
        private Severity severity;
        private AlertStatus status = AlertStatus.TRIGGER;
        private URI link;
        private String eventId = "";
        private String endpoint = "";
        private String eventType = "";

        private Builder(String title) {
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder text(String text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        public Builder status(AlertStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * An absolute http or https link of at most {@link #MAX_LINK_LENGTH} characters; anything else is a
         * {@link dev.webhookkit.core.ConfigurationException}.
         */
        public Builder link(URI link) {
            Objects.requireNonNull(link, "link");
            this.link = webLink(link.toString()).orElseThrow(() -> new dev.webhookkit.core.ConfigurationException(
                    "link must be an absolute http(s) URL of at most " + MAX_LINK_LENGTH + " characters"));
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = Objects.requireNonNull(eventId, "eventId");
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder eventType(String eventType) {
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            return this;
        }

        public Notification build() {
            return new Notification(this);
        }
    }
}
