package dev.webhookkit.actions.notify;

import dev.webhookkit.core.AlertStatus;

/**
 * The colour and emoji a notification is shown with. A resolved alert is green whatever its
 * severity (the incident is over), an acknowledged one grey; a firing one takes its severity's.
 */
enum Tone {
    CRITICAL(0xD32F2F, "\uD83D\uDD34", "attention"),   // red circle
    ERROR(0xF4511E, "\uD83D\uDFE0", "attention"),      // orange circle
    WARNING(0xFFB300, "\uD83D\uDFE1", "warning"),      // yellow circle
    INFO(0x1E88E5, "\uD83D\uDD35", "accent"),          // blue circle
    RESOLVED(0x2E7D32, "\u2705", "good"),              // check mark button
    ACKNOWLEDGED(0x757575, "\uD83D\uDC40", "default"), // eyes
    NEUTRAL(0x9E9E9E, "\uD83D\uDD14", "default");      // bell

    private final int rgb;
    private final String emoji;
    private final String adaptiveCardColor;

    Tone(int rgb, String emoji, String adaptiveCardColor) {
        this.rgb = rgb;
        this.emoji = emoji;
        this.adaptiveCardColor = adaptiveCardColor;
    }

    static Tone of(Notification n) {
        if (n.status() == AlertStatus.RESOLVE) {
            return RESOLVED;
        }
        if (n.status() == AlertStatus.ACKNOWLEDGE) {
            return ACKNOWLEDGED;
        }
        if (n.severity().isEmpty()) {
            return NEUTRAL;
        }
        switch (n.severity().get()) {
            case CRITICAL:
                return CRITICAL;
            case ERROR:
                return ERROR;
            case WARNING:
                return WARNING;
            default:
                return INFO;
        }
    }

    /** 0xRRGGBB, the integer Discord's embed colour is. */
    int rgb() {
        return rgb;
    }

    /** {@code #RRGGBB}, the form Slack's attachment colour takes. */
    String hex() {
        return String.format("#%06X", rgb);
    }

    String emoji() {
        return emoji;
    }

    /** The Adaptive Card colour/style name: attention, warning, good, accent or default. */
    String adaptiveCardColor() {
        return adaptiveCardColor;
    }

    /** "[CRITICAL] " style tag for the headline: severity when firing, the status otherwise. */
    static String tag(Notification n) {
        if (n.status() != AlertStatus.TRIGGER) {
            return n.statusLabel().toUpperCase(java.util.Locale.ROOT);
        }
        return n.severity().map(s -> s.id().toUpperCase(java.util.Locale.ROOT)).orElse("NOTICE");
    }
}
